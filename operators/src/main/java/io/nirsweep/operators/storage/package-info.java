/**
 * Where a sweep's files are kept: the one place that turns a location a user gives — a plain path, a
 * {@code file:} URI, or a URI of any scheme a Beam file-system module registers ({@code gs://}, {@code s3://},
 * {@code hdfs://} …) — into something to read or write. Everything goes through Beam's
 * {@link org.apache.beam.sdk.io.FileSystems}, so a cluster whose workers share a bucket reads models and inputs
 * from it and writes results and progress to it; plain paths work on a cluster only when every worker sees the same
 * folder (a shared mount, docs/cluster.md).
 */
package io.nirsweep.operators.storage;
