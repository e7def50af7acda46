/**
 * Writers for the sweep's Parquet tables ({@code spikes/}, {@code traces/}, {@code cells/},
 * {@code mapping/}) as the data model (docs/data-model.md) defines them.
 *
 * <p>Plain Java on purpose: parquet-hadoop writes through {@link org.apache.parquet.io.LocalOutputFile}, a
 * {@link org.apache.parquet.conf.PlainParquetConfiguration} and a home-made codec factory, so no Hadoop class is
 * loaded at run time and the job jars stay free of Hadoop. Nothing here depends on Beam or Flink; the pipeline
 * wraps these writers in its own sinks.
 */
package io.nirsweep.operators.parquet;
