package io.nirsweep.jobs.cluster;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.util.Properties;

/**
 * What {@code status}, {@code stop} and the handle of {@link LocalFlinkCluster#find} need to know about the
 * cluster last started in a state folder, kept in {@code cluster.properties}: parsing the generated YAML, which
 * a user may have rearranged, would be the fragile way. The slot count is Flink's own (BashJavaUtils'), so that
 * "all TaskManagers are there" can include "and have reported their slots", which comes a moment later.
 */
record ClusterSettings(int restPort, int rpcPort, int slotsPerTaskManager) {
    /** For a folder where no cluster was started: the default ports, slots unknown (0). */
    static final ClusterSettings NONE =
            new ClusterSettings(ClusterOptions.DEFAULT_REST_PORT, ClusterOptions.DEFAULT_RPC_PORT, 0);

    void write(ClusterPaths paths) {
        Properties p = new Properties();
        p.setProperty("rest.port", Integer.toString(restPort));
        p.setProperty("rpc.port", Integer.toString(rpcPort));
        p.setProperty("taskmanager.slots", Integer.toString(slotsPerTaskManager));
        try (var out = Files.newBufferedWriter(paths.settingsFile())) {
            p.store(out, "written by nirsweep cluster start");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static ClusterSettings read(ClusterPaths paths) {
        Properties p = new Properties();
        try (var in = Files.newBufferedReader(paths.settingsFile())) {
            p.load(in);
        } catch (NoSuchFileException e) {
            return NONE;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new ClusterSettings(number(paths, p, "rest.port", NONE.restPort()),
                number(paths, p, "rpc.port", NONE.rpcPort()),
                number(paths, p, "taskmanager.slots", NONE.slotsPerTaskManager()));
    }

    /** The value of {@code key}, or {@code absent} for a file written before the key existed. */
    private static int number(ClusterPaths paths, Properties p, String key, int absent) {
        String value = p.getProperty(key);
        if (value == null) {
            return absent;
        }
        try {
            return Integer.parseInt(value.strip());
        } catch (NumberFormatException e) {
            throw new ClusterException(paths.settingsFile() + ": " + key + " is not a number");
        }
    }
}
