/**
 * Shape inference and the type check of NIR graphs as the reference does them (spec §5.3), in time linear in
 * the edges, with its Conv shape errors corrected; and the parameter values no dynamics can run with, refused
 * where the type check runs.
 */
package io.nirsweep.model.types;
