package dev.kiln;

/**
 * How far one file that Maven's resolver fetches from a remote repository has come (a POM or a
 * jar of a dependency): reported while it arrives, then once more with {@code done} (arrived, or
 * failed). Files found in the local repository are not fetched, and not reported. Maven prints
 * the same as {@code Downloading from central: .../commons-lang3-3.14.0.jar}.
 *
 * <pre>{@code
 * WorkerSpec spec = WorkerSpec.builder()
 *         .dependencies("org.apache.commons:commons-lang3:3.14.0")
 *         .onDownload(d -> System.out.println(d.file() + " " + d.bytes() + "/" + d.totalBytes()))
 *         .build();
 * }</pre>
 *
 * @param file       the file's name ({@code commons-lang3-3.14.0.jar})
 * @param repository the URL of the repository it comes from
 * @param bytes      how many bytes have arrived
 * @param totalBytes its size, or -1 when the repository did not say
 * @param done       true in the last report of this file
 */
public record DownloadProgress(String file, String repository, long bytes, long totalBytes, boolean done) {}
