package dev.kiln.installer;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * The app image's smoke test, run from source by {@code mvn verify} (integration-test phase):
 * {@code java SelfTestCheck.java <launcher>}. Runs the image's launcher with {@code --self-test}
 * and fails unless it exits 0, ran the app as the named module {@code dev.kiln.app} (not from
 * the class path) and printed no JavaFX warning about an unsupported configuration.
 */
public final class SelfTestCheck {
    static final String EXPECTED = "in module dev.kiln.app";
    static final String JAVAFX_WARNING = "Unsupported JavaFX configuration";
    static final long TIMEOUT_SECONDS = 150;

    private SelfTestCheck() {}

    public static void main(String[] args) throws IOException, InterruptedException {
        if (args.length != 1) {
            System.err.println("usage: java SelfTestCheck.java <path of the app image's launcher>");
            System.exit(2);
        }
        Process p = new ProcessBuilder(args[0], "--self-test")
                .redirectErrorStream(true)
                .start();
        p.getOutputStream().close();
        CompletableFuture<String> output = CompletableFuture.supplyAsync(() -> readAll(p.getInputStream()));
        if (!p.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            String partial = output.completeOnTimeout("", 5, TimeUnit.SECONDS).join();
            fail("no answer within " + TIMEOUT_SECONDS + " s from " + args[0] + " --self-test", partial);
        }
        String text = output.join();
        System.out.print(text);
        List<String> problems = new ArrayList<>();
        if (p.exitValue() != 0) {
            problems.add("it exited with " + p.exitValue());
        }
        if (text.lines().noneMatch(l -> l.startsWith("kiln self-test:") && l.contains(EXPECTED))) {
            problems.add("no line says the app ran " + EXPECTED);
        }
        if (text.contains(JAVAFX_WARNING)) {
            problems.add("JavaFX warns that it runs from the class path");
        }
        if (!problems.isEmpty()) {
            fail(args[0] + " --self-test failed: " + String.join("; ", problems), "");
        }
    }

    private static String readAll(InputStream in) {
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        try (in) {
            in.transferTo(buffer);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return buffer.toString(StandardCharsets.UTF_8);
    }

    private static void fail(String why, String output) {
        System.out.print(output);
        System.err.println(why);
        System.exit(1);
    }
}
