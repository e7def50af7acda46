/**
 * NIR files on disk: {@link io.nirsweep.model.hdf5.NirReader} (over jhdf, with our own bounds: every size a
 * file declares is checked against {@link io.nirsweep.model.hdf5.ReadLimits} before anything is read, and a
 * damaged file is refused with one {@link io.nirsweep.model.NirException} line, never jhdf's exceptions) and
 * {@link io.nirsweep.model.hdf5.NirWriter} over our own HDF5 writer,
 * {@link io.nirsweep.model.hdf5.H5FileWriter}.
 */
package io.nirsweep.model.hdf5;
