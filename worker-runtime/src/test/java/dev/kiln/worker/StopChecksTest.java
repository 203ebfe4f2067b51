package dev.kiln.worker;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Field;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** Stop checks written into a class: it runs as before, and stops where a check is once the flag is set. */
class StopChecksTest {
    /** Code as a snippet has it: loops of every kind, and code with no loop. */
    public static final class Loops {
        public static volatile CountDownLatch running;

        public static void spin() {
            running.countDown();
            while (true) {}
        }

        public static long sumTo(int n) {
            long s = 0;
            for (int i = 1; i <= n; i++) {
                s += i;
            }
            return s;
        }

        public static int collatzSteps(long n) {
            int steps = 0;
            do {
                n = n % 2 == 0 ? n / 2 : 3 * n + 1;
                steps++;
            } while (n != 1);
            return steps;
        }

        public static String noLoop(int x) {
            return x > 0 ? "positive" : "not positive";
        }
    }

    /** Defines the cancel class and {@link Loops} with checks written in, and nothing else. */
    private static final class Woven extends ClassLoader {
        Woven() throws IOException {
            super("woven", StopChecksTest.class.getClassLoader().getParent());
            byte[] cancel = StopChecks.cancelClass();
            defineClass(StopChecks.CANCEL_CLASS, cancel, 0, cancel.length);
            byte[] loops = StopChecks.written(classFile(Loops.class));
            defineClass(Loops.class.getName(), loops, 0, loops.length);
        }
    }

    private static byte[] classFile(Class<?> c) throws IOException {
        String resource = c.getName().substring(c.getPackageName().length() + 1) + ".class";
        try (InputStream in = c.getResourceAsStream(resource)) {
            return in.readAllBytes();
        }
    }

    @Test
    void aClassWithChecksComputesWhatItDidBefore() throws Exception {
        Class<?> loops = Class.forName(Loops.class.getName(), true, new Woven());
        assertThat(loops.getClassLoader().getName()).isEqualTo("woven");
        assertThat(loops.getMethod("sumTo", int.class).invoke(null, 100_000)).isEqualTo(Loops.sumTo(100_000));
        assertThat(loops.getMethod("collatzSteps", long.class).invoke(null, 27L))
                .isEqualTo(111);
        assertThat(loops.getMethod("noLoop", int.class).invoke(null, 3)).isEqualTo("positive");
    }

    @Test
    void aLoopEndsAtItsCheckOnceTheFlagIsSetAndCodeRunsAgainOnceItIsCleared() throws Exception {
        Woven loader = new Woven();
        Class<?> loops = Class.forName(Loops.class.getName(), true, loader);
        Field allStop = Class.forName(StopChecks.CANCEL_CLASS, true, loader).getField(StopChecks.ALL_STOP);
        CountDownLatch running = new CountDownLatch(1);
        loops.getField("running").set(null, running);
        Method spin = loops.getMethod("spin");
        AtomicReference<Throwable> ended = new AtomicReference<>();
        Thread t = new Thread(() -> {
            try {
                spin.invoke(null);
            } catch (InvocationTargetException e) {
                ended.set(e.getCause());
            } catch (ReflectiveOperationException e) {
                ended.set(e);
            }
        });
        t.start();
        assertThat(running.await(10, TimeUnit.SECONDS)).isTrue();
        allStop.setBoolean(null, true);
        t.join(TimeUnit.SECONDS.toMillis(10));
        assertThat(t.isAlive()).as("ended at a check").isFalse();
        assertThat(ended.get()).isInstanceOf(ThreadDeath.class);

        // Set, the flag stops any method at its start; cleared, code runs again.
        Method sumTo = loops.getMethod("sumTo", int.class);
        assertThat(catchCause(() -> sumTo.invoke(null, 10))).isInstanceOf(ThreadDeath.class);
        allStop.setBoolean(null, false);
        assertThat(sumTo.invoke(null, 10)).isEqualTo(55L);
    }

    private interface Invocation {
        Object run() throws Exception;
    }

    private static Throwable catchCause(Invocation i) {
        try {
            i.run();
            return null;
        } catch (InvocationTargetException e) {
            return e.getCause();
        } catch (Exception e) {
            return e;
        }
    }
}
