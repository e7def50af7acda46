package io.nirsweep.operators.storage;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.hdfs.MiniDFSCluster;

/**
 * A real HDFS for tests: a NameNode and one DataNode of Hadoop's {@link MiniDFSCluster} in this JVM, on loopback,
 * keeping their data under a given folder. {@link #root()} is its {@code hdfs://localhost:PORT/} root, and
 * {@link #writeConfFolder} writes the Hadoop configuration a client in another JVM reads from
 * {@code HADOOP_CONF_DIR}. Shared with the pipeline tests through the operators test-jar.
 */
public final class MiniHdfs implements AutoCloseable {
    private final MiniDFSCluster cluster;
    private final String root;

    private MiniHdfs(MiniDFSCluster cluster) {
        this.cluster = cluster;
        this.root = "hdfs://localhost:" + cluster.getNameNodePort() + "/";
    }

    /** Starts the cluster, its data under {@code folder}; returns once it is up. */
    public static MiniHdfs start(Path folder) throws IOException {
        Configuration conf = new Configuration();
        conf.set(MiniDFSCluster.HDFS_MINIDFS_BASEDIR, folder.toString());
        conf.setInt("dfs.replication", 1);
        conf.setInt("dfs.heartbeat.interval", 1); // seconds: the DataNode reports sooner, the cluster is up sooner
        // a cluster that fails to start shuts itself down
        MiniDFSCluster cluster = new MiniDFSCluster.Builder(conf).numDataNodes(1).build();
        try {
            cluster.waitActive();
        } catch (IOException | RuntimeException e) {
            cluster.shutdown(true);
            throw e;
        }
        return new MiniHdfs(cluster);
    }

    /** {@code hdfs://localhost:PORT/}. */
    public String root() {
        return root;
    }

    /** The NameNode's configuration ({@code fs.defaultFS} names it), for a client in this JVM. */
    public Configuration configuration() {
        return cluster.getConfiguration(0);
    }

    /**
     * Writes {@code core-site.xml} ({@code fs.defaultFS}: this cluster) and {@code hdfs-site.xml}
     * ({@code dfs.replication} 1: there is one DataNode) into {@code folder}, a Hadoop configuration folder for
     * another JVM's {@code HADOOP_CONF_DIR}, as a user points nirsweep at their cluster; returns the folder.
     */
    public Path writeConfFolder(Path folder) throws IOException {
        Files.createDirectories(folder);
        Configuration core = new Configuration(false);
        core.set("fs.defaultFS", root);
        write(core, folder.resolve("core-site.xml"));
        Configuration hdfs = new Configuration(false);
        hdfs.setInt("dfs.replication", 1);
        write(hdfs, folder.resolve("hdfs-site.xml"));
        return folder;
    }

    private static void write(Configuration conf, Path file) throws IOException {
        try (OutputStream out = Files.newOutputStream(file)) {
            conf.writeXml(out);
        }
    }

    /** Closes this JVM's Hadoop clients (and their threads), then stops the cluster and deletes its folders. */
    @Override
    public void close() throws IOException {
        try {
            FileSystem.closeAll();
        } finally {
            cluster.shutdown(true);
        }
    }
}
