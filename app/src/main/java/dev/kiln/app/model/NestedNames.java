package dev.kiln.app.model;

import dev.kiln.NestedWorker;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The names the workbench shows for the workers a worker started (and theirs, deeper). Every JVM
 * numbers its own workers from 1, so nested workers would all be "worker-1": one with such a
 * generated name is shown under its parent's name and its place among its parent's workers
 * ({@code worker-1.1}, {@code worker-1.2}, {@code worker-1.1.1}); a name the code chose is kept,
 * made unique with {@code #2}, {@code #3}… when taken. A name, once given, stays.
 */
final class NestedNames {
    private static final Pattern GENERATED = Pattern.compile("worker-\\d+");

    private final long topPid;
    private final String topName;
    private final Map<Long, String> names = new HashMap<>();
    private final Map<Long, Integer> children = new HashMap<>();
    private final Set<String> taken = new HashSet<>();

    NestedNames(long topPid, String topName) {
        this.topPid = topPid;
        this.topName = topName;
        taken.add(topName);
    }

    /** Names {@code n} on its first report; later reports keep that name. */
    void accept(NestedWorker n) {
        if (names.containsKey(n.pid())) {
            return;
        }
        String parent = parentName(n);
        String name;
        if (GENERATED.matcher(n.name()).matches()) {
            int place = children.merge(n.hostPid(), 1, Integer::sum);
            name = parent + "." + place;
        } else {
            name = n.name();
        }
        String unique = name;
        for (int k = 2; taken.contains(unique); k++) {
            unique = name + " #" + k;
        }
        taken.add(unique);
        names.put(n.pid(), unique);
    }

    /** The name shown for the nested worker with this pid; its own name when not reported yet. */
    String name(NestedWorker n) {
        return names.getOrDefault(n.pid(), n.name());
    }

    /** The name shown for the worker that started {@code n}. */
    String parentName(NestedWorker n) {
        return n.hostPid() == topPid ? topName : names.getOrDefault(n.hostPid(), topName);
    }
}
