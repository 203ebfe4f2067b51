package dev.kiln.launch;

import dev.kiln.platform.OsFamily;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

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
    static final String DIGEST_SUFFIX = ".sha256";

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
        Path digest = digestFile(archive);
        Path tmp = digest.resolveSibling(digest.getFileName() + ".tmp");
        Files.writeString(tmp, sha256(digestOf) + "\n");
        Files.move(tmp, digest, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    }

    /**
     * True when {@code archive} is one Kiln wrote: it and its digest are trusted files and the
     * archive's SHA-256 is the recorded one. Hashing happens once per JVM for a given file.
     */
    static boolean verified(Path archive) {
        Path digest = digestFile(archive);
        if (problem(archive).isPresent()
                || !Files.isRegularFile(digest)
                || problem(digest).isPresent()) {
            return false;
        }
        try {
            String stamp = Files.size(archive) + "@"
                    + Files.getLastModifiedTime(archive).toMillis();
            if (stamp.equals(VERIFIED.get(archive))) {
                return true;
            }
            String recorded = Files.readString(digest).trim();
            if (!recorded.equals(sha256(archive))) {
                return false;
            }
            VERIFIED.put(archive, stamp);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    static Path digestFile(Path archive) {
        return archive.resolveSibling(archive.getFileName() + DIGEST_SUFFIX);
    }

    private static String sha256(Path file) throws IOException {
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
