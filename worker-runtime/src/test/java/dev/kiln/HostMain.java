package dev.kiln;

import java.util.ArrayList;
import java.util.List;

/** A host process for tests: starts N busy workers, prints their PIDs, then waits to be killed. */
public final class HostMain {
    public static void main(String[] args) throws Exception {
        int n = Integer.parseInt(args[0]);
        List<Worker> workers = new ArrayList<>();
        for (int i = 0; i < n; i++) {
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
