/**
 * {@code nirsweep cluster start|stop|status}: a standalone Flink 1.19 cluster (one JobManager, N TaskManagers)
 * on loopback, started from the project's own jars, its state, logs and PID files under {@code work/cluster/};
 * a sweep submits to it with {@code --runner flink}. The settings that make a killed TaskManager survivable are in
 * {@code conf/flink/config.yaml} and {@code docs/failover.md}.
 */
package io.nirsweep.jobs.cluster;
