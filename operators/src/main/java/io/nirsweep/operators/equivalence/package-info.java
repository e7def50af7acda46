/**
 * How far two backends' spikes for the same cell and sample are apart: the metrics of the equivalence report
 * (docs/equivalence.md), as pure functions over one recorded node's spikes of one sample ({@link SpikeRaster}).
 * Plain Java over the sparse events a sweep writes; the work grows with the events, never with what a file claims.
 */
package io.nirsweep.operators.equivalence;
