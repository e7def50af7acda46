package io.nirsweep.model.hdf5;

/** A member of an {@link H5Group}: either a group or a dataset. */
sealed interface H5Node permits H5Group, H5Dataset {
}
