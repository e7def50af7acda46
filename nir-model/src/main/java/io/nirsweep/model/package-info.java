/**
 * The NIR graph model: immutable records for the nineteen node types and for graphs of them ({@link
 * io.nirsweep.model.NirGraph}), numeric arrays that keep their dtype, and {@link io.nirsweep.model.NirException},
 * the one-line refusal naming file, node ({@code outer/inner}) and parameter. Text from a file reaches messages
 * through {@link io.nirsweep.model.MessageText}, so every message stays one line.
 */
package io.nirsweep.model;
