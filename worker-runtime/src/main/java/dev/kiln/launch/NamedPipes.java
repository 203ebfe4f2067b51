package dev.kiln.launch;

import dev.kiln.concurrent.KilnThreads;
import dev.kiln.concurrent.LazyLogger;
import dev.kiln.platform.OsFamily;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Named pipes for local workers' connections on Linux, made ahead. A worker invited to a pair of
 * pipes ({@link PipeHandshake}) opens two files where a socket would first set up the JDK's network
 * classes and, through a lambda of theirs, the JVM's lambda machinery: some 8 ms of CPU at each
 * worker's start, which twenty workers started at once on two cores pay one after the other.
 *
 * <p>Java has no call that makes a named pipe, so the system's {@code mkfifo} makes them: {@link
 * #BATCH} pairs per run, in the background, whenever fewer than {@link #LOW} are left, in a folder
 * of the temporary folder that only this user can enter ({@code kiln-pipes-<host pid>-<random>},
 * removed as the host exits; a folder whose host is gone is removed by the next host). A pair's
 * names are unlinked as soon as its worker holds its ends. Until a host's first pairs are made
 * (its first workers), and on a machine where {@code mkfifo} fails, workers connect over a
 * loopback socket, as they do on Windows and macOS, and as the host property {@code
 * kiln.pipes=false} makes them.
 */
public final class NamedPipes {
    /** Host system property: {@code false} makes every local worker connect over a loopback socket. */
    public static final String PROPERTY = "kiln.pipes";
    /** Below this many pairs left, more are made. */
    static final int LOW = 24;
    /** Pairs made by one run of {@code mkfifo}. */
    static final int BATCH = 48;

    private static final String FOLDER_PREFIX = "kiln-pipes-";
    private static final long MKFIFO_SECONDS = 30;
    private static final System.Logger LOG = LazyLogger.of(NamedPipes.class);

    /** A holder: a host that never starts a local worker makes no folder. */
    private static final class Shared {
        static final NamedPipes INSTANCE = new NamedPipes(Path.of(System.getProperty("java.io.tmpdir")));
    }

    private final Path parent;
    private final ArrayDeque<Path> ready = new ArrayDeque<>();
    private Path folder;
    private int made;
    private boolean filling;
    /** The thread making the batch in progress, or the last one. */
    private Thread filler;
    /** Why pipes cannot be made here; null while they can. */
    private String failed;

    /** Pairs kept in a new folder of {@code parent}, made when first needed. */
    NamedPipes(Path parent) {
        this.parent = parent;
    }

    /** This host's pipes for workers on {@code os}: empty where workers connect over loopback (not Linux). */
    static Optional<NamedPipes> forOs(OsFamily os) {
        return os == OsFamily.LINUX ? Optional.of(Shared.INSTANCE) : Optional.empty();
    }

    /** False when the host property {@link #PROPERTY} is {@code false}. */
    static boolean allowedByHost() {
        return !"false".equalsIgnoreCase(System.getProperty(PROPERTY, "true"));
    }

    /**
     * A pair for one worker ({@code <pair>.up}, {@code <pair>.down}) when one is ready; more are
     * made in the background when few are left. Empty when none is ready yet, when pipes cannot be
     * made here, and when the host property turns them off.
     */
    synchronized Optional<Path> take() {
        if (failed != null || !allowedByHost()) {
            return Optional.empty();
        }
        Path pair = ready.poll();
        if (ready.size() < LOW && !filling) {
            filling = true;
            filler = KilnThreads.start(new Fill(), "kiln-pipes");
        }
        return Optional.ofNullable(pair);
    }

    /** Makes a batch in the background; a failure turns pipes off for this host, said once in the log. */
    private final class Fill implements Runnable {
        @Override
        public void run() {
            try {
                fillNow();
            } catch (IOException | RuntimeException e) {
                synchronized (NamedPipes.this) {
                    failed = e.getMessage();
                }
                LOG.log(
                        System.Logger.Level.INFO,
                        "local workers connect over a loopback socket: no named pipes can be made here ("
                                + e.getMessage() + ")");
            } finally {
                synchronized (NamedPipes.this) {
                    filling = false;
                }
            }
        }
    }

    /** Makes {@link #BATCH} pairs on the calling thread with one run of {@code mkfifo}. */
    void fillNow() throws IOException {
        Path dir = folder();
        List<Path> pairs = new ArrayList<>();
        List<String> command = new ArrayList<>(List.of("mkfifo", "-m", "600"));
        synchronized (this) {
            for (int i = 0; i < BATCH; i++) {
                Path pair = dir.resolve(Integer.toString(++made));
                pairs.add(pair);
                command.add(pair + ".up");
                command.add(pair + ".down");
            }
        }
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        p.getOutputStream().close();
        try {
            String said = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            if (!p.waitFor(MKFIFO_SECONDS, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IOException("mkfifo did not end within " + MKFIFO_SECONDS + " s");
            }
            if (p.exitValue() != 0) {
                throw new IOException("mkfifo failed (exit " + p.exitValue() + "): " + said);
            }
        } catch (InterruptedException e) {
            p.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while mkfifo ran", e);
        }
        List<Path> good = new ArrayList<>();
        for (Path pair : pairs) {
            if (isPipe(Path.of(pair + ".up")) && isPipe(Path.of(pair + ".down"))) {
                good.add(pair);
            }
        }
        if (good.isEmpty()) {
            throw new IOException("mkfifo made no named pipes in " + dir);
        }
        synchronized (this) {
            ready.addAll(good);
        }
    }

    /** Waits until the batch being made in the background, if any, is made. */
    void awaitFill() throws InterruptedException {
        Thread t;
        synchronized (this) {
            t = filler;
        }
        if (t != null) {
            t.join();
        }
    }

    /** How many pairs are ready. */
    synchronized int ready() {
        return ready.size();
    }

    /** The folder of this host's pipes, made (owner-only) on first use, with stale folders of hosts gone removed. */
    synchronized Path folder() throws IOException {
        if (folder == null) {
            // Named from the OS's random bytes, not Files.createTempDirectory's: its SecureRandom starts the JDK's
            // security providers (20-30 ms of a fresh host's CPU).
            byte[] random = new byte[8];
            RandomBytes.fill(random);
            Path made = Files.createDirectory(
                    parent.resolve(FOLDER_PREFIX + ProcessHandle.current().pid() + "-"
                            + HexFormat.of().formatHex(random)),
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
            removeStale(made);
            try {
                Runtime.getRuntime().addShutdownHook(new Thread(new Remove(made), "kiln-pipes-cleanup"));
            } catch (IllegalStateException exiting) {
                // the JVM is exiting: its workers are being stopped, and no new one starts
            }
            folder = made;
        }
        return folder;
    }

    /** Removes the folders of hosts that are gone (killed before they could), of this user. */
    private void removeStale(Path mine) {
        try (DirectoryStream<Path> all = Files.newDirectoryStream(parent, FOLDER_PREFIX + "*")) {
            for (Path d : all) {
                long pid = hostPid(d.getFileName().toString());
                if (!d.equals(mine)
                        && pid > 0
                        && ProcessHandle.of(pid).isEmpty()
                        && Files.getOwner(d, LinkOption.NOFOLLOW_LINKS).equals(Files.getOwner(mine))) {
                    new Remove(d).run();
                }
            }
        } catch (IOException | RuntimeException ignored) {
            // another host's folder, or one going away meanwhile: left as it is
        }
    }

    /** The host pid in a folder's name ({@code kiln-pipes-<pid>-<random>}), or -1. */
    static long hostPid(String folderName) {
        if (!folderName.startsWith(FOLDER_PREFIX)) {
            return -1;
        }
        String rest = folderName.substring(FOLDER_PREFIX.length());
        int dash = rest.indexOf('-');
        try {
            return dash > 0 ? Long.parseLong(rest.substring(0, dash)) : -1;
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private static boolean isPipe(Path p) {
        try {
            return Files.readAttributes(p, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS)
                    .isOther();
        } catch (IOException e) {
            return false;
        }
    }

    /** Removes a folder of pipes and what is left in it. */
    private static final class Remove implements Runnable {
        private final Path folder;

        Remove(Path folder) {
            this.folder = folder;
        }

        @Override
        public void run() {
            try (DirectoryStream<Path> files = Files.newDirectoryStream(folder)) {
                for (Path f : files) {
                    Files.deleteIfExists(f);
                }
                Files.deleteIfExists(folder);
            } catch (IOException ignored) {
                // the temporary folder keeps it
            }
        }
    }
}
