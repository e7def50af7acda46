package io.nirsweep.jobs.cluster;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Makes the cluster's {@code conf/config.yaml} from the project's template {@code conf/flink/config.yaml}: the
 * template stays the one place to tune the cluster, and only what differs per run (ports, the state folder's
 * temp path) is filled in.
 */
final class ClusterConfig {
    private static final Pattern TEMPLATE_VARIABLE = Pattern.compile("\\$\\{([a-z.]+)}");

    private ClusterConfig() {
    }

    /** Writes {@code conf/config.yaml} for a start with {@code options}. */
    static void write(ClusterOptions options) {
        ClusterPaths paths = options.paths();
        String template;
        try {
            template = Files.readString(paths.template());
        } catch (NoSuchFileException e) {
            throw new ClusterException("the cluster config template " + paths.template() + " is missing");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        String yaml = render(template, Map.of(
                "rest.port", Integer.toString(options.restPort()),
                "rpc.port", Integer.toString(options.rpcPort()),
                // the template puts the path in single quotes, where YAML only needs a quote doubled
                "tmp.dir", paths.tmpDir().toString().replace("'", "''")), paths.template());
        try {
            Files.createDirectories(paths.confDir());
            Files.writeString(paths.confDir().resolve("config.yaml"), yaml);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The template with every {@code ${name}} replaced; an unknown name is a mistake in the template. */
    static String render(String template, Map<String, String> values, Path source) {
        Matcher m = TEMPLATE_VARIABLE.matcher(template);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String value = values.get(m.group(1));
            if (value == null) {
                throw new ClusterException(source + ": unknown template variable ${" + m.group(1) + "} (known: "
                        + String.join(", ", values.keySet().stream().sorted().toList()) + ")");
            }
            m.appendReplacement(out, Matcher.quoteReplacement(value));
        }
        m.appendTail(out);
        return out.toString();
    }
}
