/** Variants of a graph for parameter sweeps (time constants and thresholds scaled), dtypes kept. */
package io.nirsweep.model.transform;
