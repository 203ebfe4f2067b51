package dev.kiln.launch;

import dev.kiln.platform.OsFamily;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Whether Kiln may trust what it finds in its cache: a class data sharing archive is mapped into
 * every worker, so one that someone else could have written is code injection. On POSIX
 * systems Kiln creates its cache folders owner-only, and uses a folder or file only when it is
 * owned by the user running Kiln and writable by nobody else. Every archive also has its
 * SHA-256 digest beside it, written when Kiln built it and checked before a worker uses it
 * (once per host JVM for the same file). On Windows the per-user cache folder's default
 * permissions are relied on; the digest is checked there too.
 */
final class CacheTrust {
    private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rwx------");
    private static final FileAttribute<Set<PosixFilePermission>> OWNER_FILE =
            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------"));
    static final String DIGEST_SUFFIX = ".sha256";
    static final String STAMP_SUFFIX = ".verified";

    /** How long before a check an archive must have last changed for its stamp to be written. */
    private static final Duration STAMP_MARGIN = Duration.ofSeconds(2);

    private static final AtomicInteger HASHES = new AtomicInteger();

    /** Archives whose digest matched, by path, with the size and time it had then. */
    private static final Map<Path, String> VERIFIED = new ConcurrentHashMap<>();

    private CacheTrust() {}

    /** Creates {@code dir} and its missing parents, owner-only where POSIX permissions exist. */
    static void createPrivate(Path dir) throws IOException {
        if (Files.isDirectory(dir)) {
            return;
        }
        if (OsFamily.current().isPosix() && dir.getParent() != null) {
            createPrivate(dir.getParent());
            FileAttribute<Set<PosixFilePermission>> ownerOnly = PosixFilePermissions.asFileAttribute(OWNER_ONLY);
            try {
                Files.createDirectory(dir, ownerOnly);
            } catch (java.nio.file.FileAlreadyExistsException raced) {
                // another host made it meanwhile: checked like any existing folder
            }
        } else {
            Files.createDirectories(dir);
        }
    }

    /**
     * Why a folder or file of the cache cannot be trusted, or empty when it can: owned by this
     * user and writable by no one else (POSIX; elsewhere, empty).
     */
    static Optional<String> problem(Path p) {
        if (!OsFamily.current().isPosix()) {
            return Optional.empty();
        }
        try {
            PosixFileAttributes a = Files.readAttributes(p, PosixFileAttributes.class);
            UserPrincipal me = p.getFileSystem()
                    .getUserPrincipalLookupService()
                    .lookupPrincipalByName(System.getProperty("user.name"));
            if (!a.owner().equals(me)) {
                return Optional.of(p + " belongs to " + a.owner().getName() + ", not to " + me.getName());
            }
            Set<PosixFilePermission> perms = a.permissions();
            if (perms.contains(PosixFilePermission.GROUP_WRITE) || perms.contains(PosixFilePermission.OTHERS_WRITE)) {
                return Optional.of(p + " can be written by other users (" + PosixFilePermissions.toString(perms) + ")");
            }
            return Optional.empty();
        } catch (UnsupportedOperationException e) {
            return Optional.empty(); // a file system without POSIX attributes
        } catch (IOException e) {
            return Optional.of(p + " cannot be checked: " + e.getMessage());
        }
    }

    /** Why a folder and its parent cannot be trusted (a parent writable by others can swap the folder). */
    static Optional<String> folderProblem(Path dir) {
        Optional<String> own = problem(dir);
        if (own.isPresent() || dir.getParent() == null) {
            return own;
        }
        return problem(dir.getParent());
    }

    /** Writes the digest of {@code archive} beside it (before the archive is moved into place). */
    static void writeDigest(Path archive, Path digestOf) throws IOException {
        writePrivately(digestFile(archive), sha256(digestOf) + "\n");
    }

    /**
     * True when {@code archive} is one Kiln wrote: it and its digest are trusted files and the
     * archive's SHA-256 is the recorded one. Hashing happens once per JVM for a given file, and
     * where the file system tells a file's identity and change time (Linux, macOS), once for
     * all: a stamp beside the archive then records what the archive was when its digest
     * matched, and a later host that finds it unchanged uses it without reading its megabytes
     * (some 100 ms of a fresh JVM's first launch here).
     */
    static boolean verified(Path archive) {
        return verified(archive, Instant.now(), OsFamily.current());
    }

    /** As {@link #verified(Path)}, at {@code now} (a test's clock), as on {@code os}. */
    static boolean verified(Path archive, Instant now, OsFamily os) {
        Path digest = digestFile(archive);
        if (problem(archive).isPresent()
                || !Files.isRegularFile(digest)
                || problem(digest).isPresent()) {
            return false;
        }
        try {
            String recorded = Files.readString(digest).trim();
            Optional<String> identity = os.isPosix() ? identity(archive) : Optional.empty();
            String seen = recorded + " "
                    + identity.orElse(Files.size(archive) + "@"
                            + Files.getLastModifiedTime(archive).toMillis());
            if (seen.equals(VERIFIED.get(archive))) {
                return true;
            }
            if (identity.isPresent() && seen.equals(stampOf(archive))) {
                VERIFIED.put(archive, seen);
                return true;
            }
            if (!recorded.equals(sha256(archive))) {
                return false;
            }
            VERIFIED.put(archive, seen);
            // Recorded only when the archive did not change while it was read, and last changed long enough
            // ago that a change now would show in its change time even on a file system that keeps seconds.
            if (identity.isPresent()
                    && identity.equals(identity(archive))
                    && changed(archive).isBefore(now.minus(STAMP_MARGIN))) {
                writePrivately(stampFile(archive), seen + "\n");
            }
            return true;
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    /** The file beside {@code archive} that records what it was when its digest last matched. */
    static Path stampFile(Path archive) {
        return archive.resolveSibling(archive.getFileName() + STAMP_SUFFIX);
    }

    /** Forgets which archives this JVM has verified, as a new host would start (tests). */
    static void forgetVerified() {
        VERIFIED.clear();
    }

    /** How many archives this JVM has hashed (tests: a verified stamp spares the hashing). */
    static int hashes() {
        return HASHES.get();
    }

    /**
     * What identifies a file's content without reading it: device, inode, size, modification
     * and change times. The change time moves with every write, rename or change of mode and
     * cannot be set back by the file's owner. Asked on POSIX systems only (Windows has no change
     * time of that kind); empty where the file system does not say them.
     */
    private static Optional<String> identity(Path file) throws IOException {
        try {
            Map<String, Object> a = Files.readAttributes(file, "unix:dev,ino,size,lastModifiedTime,ctime");
            return Optional.of(a.get("dev") + ":" + a.get("ino") + ":" + a.get("size") + ":"
                    + nanos(a.get("lastModifiedTime")) + ":" + nanos(a.get("ctime")));
        } catch (UnsupportedOperationException | IllegalArgumentException e) {
            return Optional.empty(); // no "unix" view: the archive is hashed once per JVM
        }
    }

    private static Instant changed(Path file) throws IOException {
        return ((FileTime) Files.getAttribute(file, "unix:ctime")).toInstant();
    }

    private static long nanos(Object fileTime) {
        return ((FileTime) fileTime).to(TimeUnit.NANOSECONDS);
    }

    /** The stamp recorded beside {@code archive}, or null when there is none Kiln can trust. */
    private static String stampOf(Path archive) {
        Path stamp = stampFile(archive);
        try {
            return Files.isRegularFile(stamp) && problem(stamp).isEmpty()
                    ? Files.readString(stamp).trim()
                    : null;
        } catch (IOException e) {
            return null;
        }
    }

    /**
     * Writes {@code text} to {@code file} through a temporary file moved into place, readable
     * and writable by its owner only where POSIX permissions exist: with a umask that lets the
     * group write (Debian's and Ubuntu's for users with their own group), a file made with the
     * default mode would fail {@link #problem} and its archive would never be used.
     */
    private static void writePrivately(Path file, String text) throws IOException {
        Path tmp = OsFamily.current().isPosix()
                ? Files.createTempFile(file.getParent(), file.getFileName().toString(), ".tmp", OWNER_FILE)
                : Files.createTempFile(file.getParent(), file.getFileName().toString(), ".tmp");
        try {
            Files.writeString(tmp, text);
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    static Path digestFile(Path archive) {
        return archive.resolveSibling(archive.getFileName() + DIGEST_SUFFIX);
    }

    private static String sha256(Path file) throws IOException {
        HASHES.incrementAndGet();
        try (InputStream in = Files.newInputStream(file)) {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            byte[] buf = new byte[1 << 16];
            int n;
            while ((n = in.read(buf)) > 0) {
                md.update(buf, 0, n);
            }
            return HexFormat.of().formatHex(md.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no SHA-256", e);
        }
    }
}
