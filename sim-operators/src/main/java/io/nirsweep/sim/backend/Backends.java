package io.nirsweep.sim.backend;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;

/**
 * Every backend on the class path, by the word users give on the command line: those of each
 * {@link BackendProvider}, simulators before hardware, each provider's in its own order.
 */
public final class Backends {
    private static final Map<String, Backend> BY_NAME = load();

    private Backends() {}

    private static Map<String, Backend> load() {
        List<Backend> found = new ArrayList<>();
        Map<String, String> definedBy = new LinkedHashMap<>();
        for (BackendProvider provider : ServiceLoader.load(BackendProvider.class, Backends.class.getClassLoader())) {
            for (Backend b : provider.backends()) {
                String earlier = definedBy.putIfAbsent(b.name(), provider.getClass().getName());
                if (earlier != null) {
                    throw new IllegalStateException("two backends named '" + b.name() + "': from " + earlier
                            + " and " + provider.getClass().getName());
                }
                found.add(b);
            }
        }
        if (found.isEmpty()) {
            throw new IllegalStateException("no backend on the class path: no " + BackendProvider.class.getName()
                    + " in any META-INF/services (a shaded jar must merge those files)");
        }
        Map<String, Backend> byName = new LinkedHashMap<>();
        for (Backend.Kind kind : Backend.Kind.values()) {
            for (Backend b : found) {
                if (b.kind() == kind) {
                    byName.put(b.name(), b);
                }
            }
        }
        return byName;
    }

    public static List<Backend> all() {
        return List.copyOf(BY_NAME.values());
    }

    /** The choices of every backend as a Markdown table (the README shows this output). */
    public static String markdownTable() {
        StringBuilder sb = new StringBuilder();
        sb.append("| backend | integrator | spike test | reset | latency | spikes per step | numbers |\n");
        sb.append("|---|---|---|---|---|---|---|\n");
        for (Backend b : all()) {
            sb.append("| `").append(b.name()).append("` | ").append(String.join(" | ", b.choices())).append(" |\n");
        }
        return sb.toString();
    }

    /** The names, comma-separated, for messages that list what exists. */
    public static String names() {
        return String.join(", ", BY_NAME.keySet());
    }

    /** The backend of that name, or null. */
    public static Backend byName(String name) {
        return BY_NAME.get(name);
    }

    /** The backend of that name; an {@link IllegalArgumentException} naming the known ones when there is none. */
    public static Backend require(String name) {
        Backend b = BY_NAME.get(name);
        if (b == null) {
            throw new IllegalArgumentException("no backend '" + name + "' (have: " + names() + ")");
        }
        return b;
    }
}
