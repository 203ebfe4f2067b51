package dev.kiln.launch;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;

/**
 * The jar a worker JVM starts from, appended to the boot class path (holding
 * {@code dev.kiln.WorkerBoot}): made from Kiln's own class files, once per content, in the cache
 * folder. A stable path matters: class data sharing archives record the boot class path.
 */
public final class BootJar {
    /** The worker's first class. */
    public static final String MAIN_CLASS = "dev.kiln.WorkerBoot";
    /** The boot jar's classes: the boot class and its one nested class. */
    private static final java.util.List<String> CLASS_FILES =
            java.util.List.of("dev/kiln/WorkerBoot.class", "dev/kiln/WorkerBoot$JdkModules.class");

    private BootJar() {}

    /** The boot jar in {@code cacheDir} (created owner-only, checked like the archives), made if missing. */
    public static Path in(Path cacheDir) throws IOException {
        byte[] jar = jarBytes();
        Path dir = cacheDir.resolve("boot");
        CacheTrust.createPrivate(dir);
        Path file = dir.resolve("kiln-boot-" + sha256(jar).substring(0, 16) + ".jar");
        if (Files.isRegularFile(file)
                && CacheTrust.problem(file).isEmpty()
                && java.util.Arrays.equals(Files.readAllBytes(file), jar)) {
            return file;
        }
        Path tmp = Files.createTempFile(dir, "kiln-boot-", ".tmp");
        Files.write(tmp, jar);
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        return file;
    }

    /**
     * The boot jar for a worker whose cache folder is {@code cacheDir}: there when that folder can
     * be trusted (class data sharing needs its stable path), else in this host's own private folder.
     */
    public static Path forCache(Path cacheDir) throws IOException {
        Optional<Path> trusted = ClassDataSharing.trusted(cacheDir);
        return in(trusted.isPresent() ? trusted.get() : PrivateFolder.path());
    }

    /** The boot jar in this host's own private folder: for workers whose cache folder is not here. */
    public static Path inPrivateFolder() throws IOException {
        return in(PrivateFolder.path());
    }

    /** This host's own folder for the boot jar when no cache folder can be trusted: made once, owner-only. */
    private static final class PrivateFolder {
        private static Path path;

        static synchronized Path path() throws IOException {
            if (path == null) {
                path = Files.createTempDirectory("kiln-"); // owner-only where POSIX
            }
            return path;
        }
    }

    /** The jar's bytes: always the same for the same class file (fixed entry times), so its name is its hash. */
    static byte[] jarBytes() throws IOException {
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (JarOutputStream out = new JarOutputStream(bytes)) {
            JarEntry m = new JarEntry("META-INF/MANIFEST.MF");
            m.setTime(0);
            out.putNextEntry(m);
            manifest.write(out);
            out.closeEntry();
            for (String classFile : CLASS_FILES) {
                try (InputStream in = BootJar.class.getResourceAsStream("/" + classFile)) {
                    if (in == null) {
                        throw new IOException("the Kiln runtime lacks " + classFile);
                    }
                    JarEntry c = new JarEntry(classFile);
                    c.setTime(0);
                    out.putNextEntry(c);
                    out.write(in.readAllBytes());
                    out.closeEntry();
                }
            }
        }
        return bytes.toByteArray();
    }

    private static String sha256(byte[] b) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(b));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no SHA-256", e);
        }
    }
}
