/**
 * The JSON view of a read graph that {@code inspect --json} prints, in the layout of the reference corpus's
 * expected files, so our reading can be compared with the reference reader's file by file.
 */
package io.nirsweep.model.json;
