package dev.kiln.ssh;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * The files a remote worker's class path is made of, named by their content: a jar as it is, a
 * class folder as a jar built from it (the same content gives the same bytes). A remote machine
 * keeps each under its hash, so it receives each content once.
 */
final class RuntimeFiles {
    /** Hashes already computed, by path and what the file system says of it (size, time, file count). */
    private static final Map<String, String> HASHES = new ConcurrentHashMap<>();
    /** A fixed time for the entries of a jar made from a folder (local: no time zone), so its bytes depend on the content only. */
    private static final LocalDateTime ENTRY_TIME = LocalDateTime.of(2000, 1, 1, 0, 0);

    private RuntimeFiles() {}

    /**
     * One entry of a class path, as the remote machine keeps it.
     *
     * @param source the jar or class folder here
     * @param hash   the first 32 hex digits of the SHA-256 of its bytes
     * @param name   the file name there (a folder's name with {@code .jar})
     * @param size   its size in bytes
     */
    record Entry(Path source, String hash, String name, long size) {
        /** {@code <hash>/<name>}, under the remote runtime folder. */
        String relativePath() {
            return hash + "/" + name;
        }

        /** The bytes to send. */
        byte[] bytes() throws IOException {
            return Files.isDirectory(source) ? jarOf(source) : Files.readAllBytes(source);
        }
    }

    /** The entry for a jar or class folder; its hash is computed once per state of the file system. */
    static Entry entry(Path source) throws IOException {
        boolean folder = Files.isDirectory(source);
        String name = folder ? safeName(source) + ".jar" : safeName(source);
        String key = source.toAbsolutePath() + "|" + (folder ? folderState(source) : fileState(source));
        String cached = HASHES.get(key);
        if (cached != null) {
            int bar = cached.indexOf('|');
            return new Entry(source, cached.substring(0, bar), name, Long.parseLong(cached.substring(bar + 1)));
        }
        byte[] bytes = folder ? jarOf(source) : Files.readAllBytes(source);
        String hash = sha256(bytes).substring(0, 32);
        HASHES.put(key, hash + "|" + bytes.length);
        return new Entry(source, hash, name, bytes.length);
    }

    /** A file name that needs no quoting anywhere: letters, digits, {@code . _ -}; others become {@code _}. */
    private static String safeName(Path p) {
        Path f = p.getFileName();
        String n = f == null ? "root" : f.toString().replaceAll("[^A-Za-z0-9._-]", "_");
        return n.startsWith(".") ? "_" + n : n;
    }

    private static String fileState(Path f) throws IOException {
        BasicFileAttributes a = Files.readAttributes(f, BasicFileAttributes.class);
        return a.size() + "|" + a.lastModifiedTime().toMillis();
    }

    private static String folderState(Path dir) throws IOException {
        long count = 0;
        long size = 0;
        long newest = 0;
        for (Path f : files(dir)) {
            BasicFileAttributes a = Files.readAttributes(f, BasicFileAttributes.class);
            count++;
            size += a.size();
            newest = Math.max(newest, a.lastModifiedTime().toMillis());
        }
        return count + "|" + size + "|" + newest;
    }

    private static List<Path> files(Path dir) throws IOException {
        try (Stream<Path> s = Files.walk(dir)) {
            return new ArrayList<>(s.filter(Files::isRegularFile).sorted().toList());
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }

    /** A jar of a class folder: its files in name order, each with the same fixed time. */
    static byte[] jarOf(Path dir) throws IOException {
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(buf)) {
            for (Path f : files(dir)) {
                StringBuilder name = new StringBuilder();
                for (Path part : dir.relativize(f)) {
                    name.append(name.length() == 0 ? "" : "/").append(part);
                }
                ZipEntry e = new ZipEntry(name.toString());
                e.setTimeLocal(ENTRY_TIME);
                zip.putNextEntry(e);
                Files.copy(f, zip);
                zip.closeEntry();
            }
        }
        return buf.toByteArray();
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
