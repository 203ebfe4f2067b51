package dev.kiln;

import dev.kiln.launch.NamedPipes;
import dev.kiln.launch.PipesAccess;
import dev.kiln.platform.OsFamily;
import java.util.ArrayList;
import java.util.List;

/**
 * A host process for tests: starts N busy workers, prints their PIDs, then waits to be killed. On
 * Linux the first connects over loopback and the others through named pipes, so that both ways
 * are covered.
 */
public final class HostMain {
    public static void main(String[] args) throws Exception {
        int n = Integer.parseInt(args[0]);
        List<Worker> workers = new ArrayList<>();
        boolean linux = OsFamily.current() == OsFamily.LINUX;
        for (int i = 0; i < n; i++) {
            if (linux && i == 0) {
                System.setProperty(NamedPipes.PROPERTY, "false");
            } else if (linux && i == 1) {
                System.clearProperty(NamedPipes.PROPERTY);
                PipesAccess.makeSharedPairsNow();
            }
            workers.add(Worker.startAsync(WorkerSpec.builder().echoOutput(false).build())
                    .join());
        }
        StringBuilder pids = new StringBuilder("PIDS");
        for (Worker w : workers) {
            w.eval("while (true) { }");
            pids.append(' ').append(w.pid());
        }
        System.out.println(pids);
        System.out.flush();
        System.in.read(); // until killed
    }
}
