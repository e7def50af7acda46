package io.nirsweep.sim.backend;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;

/**
 * Every backend on the class path, by the word users give on the command line: those of each
 * {@link BackendProvider}, simulators before hardware, each provider's in its own order. A backend is named
 * {@code NAME@VERSION} ({@link Backend#id}); the bare {@code NAME} stands for the first version listed under it, so
 * a provider that adds another version of a simulator lists it after the one the name has meant so far.
 */
public final class Backends {
    private static final List<Backend> ALL = load();
    private static final Map<String, Backend> BY_NAME = new LinkedHashMap<>();
    private static final Map<String, Backend> BY_ID = new LinkedHashMap<>();

    static {
        for (Backend b : ALL) {
            BY_NAME.putIfAbsent(b.name(), b);
            BY_ID.put(b.id(), b);
        }
    }

    private Backends() {}

    private static List<Backend> load() {
        List<Backend> found = new ArrayList<>();
        Map<String, String> definedBy = new LinkedHashMap<>();
        for (BackendProvider provider : ServiceLoader.load(BackendProvider.class, Backends.class.getClassLoader())) {
            for (Backend b : provider.backends()) {
                if (b.name().contains("@")) {
                    throw new IllegalStateException("backend name '" + b.name() + "' from "
                            + provider.getClass().getName() + ": '@' separates the name from the version");
                }
                String earlier = definedBy.putIfAbsent(b.id(), provider.getClass().getName());
                if (earlier != null) {
                    throw new IllegalStateException("two backends named '" + b.id() + "': from " + earlier
                            + " and " + provider.getClass().getName());
                }
                found.add(b);
            }
        }
        if (found.isEmpty()) {
            throw new IllegalStateException("no backend on the class path: no " + BackendProvider.class.getName()
                    + " in any META-INF/services (a shaded jar must merge those files)");
        }
        List<Backend> ordered = new ArrayList<>();
        for (Backend.Kind kind : Backend.Kind.values()) {
            for (Backend b : found) {
                if (b.kind() == kind) {
                    ordered.add(b);
                }
            }
        }
        return List.copyOf(ordered);
    }

    /** Every backend, each version once. */
    public static List<Backend> all() {
        return ALL;
    }

    /** True when the bare name of {@code b} stands for it. */
    public static boolean isDefault(Backend b) {
        return BY_NAME.get(b.name()) == b;
    }

    /**
     * What users call it: {@code NAME@VERSION} for a registered version the bare name does not stand for, else the
     * name (the default version, or a backend built outside the registry, such as a recombination).
     */
    public static String shortName(Backend b) {
        Backend registered = BY_ID.get(b.id()); // by id: a backend rebuilt unchanged from its recipe is the same
        return registered != null && !isDefault(registered) ? b.id() : b.name();
    }

    /** The choices of every backend as a Markdown table (the README shows this output). */
    public static String markdownTable() {
        StringBuilder sb = new StringBuilder();
        sb.append("| backend | integrator | spike test | reset | latency | spikes per step | numbers |\n");
        sb.append("|---|---|---|---|---|---|---|\n");
        for (Backend b : all()) {
            sb.append("| `").append(shortName(b)).append("` | ").append(String.join(" | ", b.choices())).append(" |\n");
        }
        return sb.toString();
    }

    /** The names, comma-separated, for messages that list what exists: bare names and other versions. */
    public static String names() {
        return String.join(", ", ALL.stream().map(Backends::shortName).toList());
    }

    /** The backend of that name ({@code NAME} or {@code NAME@VERSION}), or null. */
    public static Backend byName(String name) {
        return name.contains("@") ? BY_ID.get(name) : BY_NAME.get(name);
    }

    /** The backend of that name; an {@link IllegalArgumentException} naming the known ones when there is none. */
    public static Backend require(String name) {
        Backend b = byName(name);
        if (b == null) {
            throw new IllegalArgumentException("no backend '" + name + "' (have: " + names() + ")");
        }
        return b;
    }
}
