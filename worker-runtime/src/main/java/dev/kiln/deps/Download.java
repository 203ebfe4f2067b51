package dev.kiln.deps;

/**
 * The progress of one file the resolver fetches from a remote repository.
 *
 * @param file       the file's name ({@code commons-lang3-3.14.0.jar})
 * @param repository the repository's URL
 * @param bytes      bytes received so far
 * @param totalBytes its size, or -1 when the server did not say
 * @param done       true once it has arrived, or failed
 */
public record Download(String file, String repository, long bytes, long totalBytes, boolean done) {}
