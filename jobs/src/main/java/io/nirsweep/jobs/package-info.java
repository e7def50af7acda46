/**
 * The {@code nirsweep} command line ({@link io.nirsweep.jobs.Main}, contract in {@code docs/cli.md}): one picocli
 * command per verb — {@code inspect}, {@code validate}, {@code convert}, {@code simulate}, {@code backends},
 * {@code explain}, {@code map}, {@code bench}, {@code sweep}, {@code cluster} — and the reading options and backend
 * choice they share. Commands only parse, check and print; the work is done by nir-model (reading), sim-operators
 * (running), hardware-sinks (mapping onto a chip target), operators and pipeline (sweeps). A wrong input ends
 * with one line on stderr and exit 2, an internal error with exit 1.
 */
package io.nirsweep.jobs;
