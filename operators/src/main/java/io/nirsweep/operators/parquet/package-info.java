/**
 * Writers for the sweep's Parquet tables ({@code spikes/}, {@code traces/}, {@code cells/},
 * {@code mapping/}) as the data model (docs/data-model.md) defines them.
 *
 * <p>Plain Java on purpose: parquet-hadoop writes to and reads from parquet's own
 * {@link org.apache.parquet.io.OutputFile} and {@link org.apache.parquet.io.InputFile}, with a
 * {@link org.apache.parquet.conf.PlainParquetConfiguration} and a home-made codec factory, so no Hadoop class is
 * loaded at run time and the job jars stay free of Hadoop. Nothing here depends on Beam or Flink either, so the
 * tables' format can be tested and read alone: where the files are (a local folder, a bucket) is the business of
 * the adapters in {@code io.nirsweep.operators.storage.ParquetFiles}, which the pipeline's steps use.
 */
package io.nirsweep.operators.parquet;
