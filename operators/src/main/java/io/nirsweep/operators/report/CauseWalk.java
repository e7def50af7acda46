package io.nirsweep.operators.report;

import io.nirsweep.operators.equivalence.SpikeRaster;
import io.nirsweep.operators.equivalence.SpikeTrainComparison;
import io.nirsweep.operators.equivalence.report.EquivalenceReport.CauseStep;
import io.nirsweep.operators.equivalence.report.EquivalenceReport.CausePath;
import io.nirsweep.operators.equivalence.report.EquivalenceReport.CellKey;
import io.nirsweep.operators.inputs.InputSet;
import io.nirsweep.operators.sweep.Cell;
import io.nirsweep.operators.sweep.UnitRunner;
import io.nirsweep.operators.sweep.WorkUnit;
import io.nirsweep.sim.backend.Backend;
import io.nirsweep.sim.backend.Backends;
import io.nirsweep.sim.backend.Recipe;
import io.nirsweep.sim.engine.Program;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The cause of a divergence, found by experiment (docs/equivalence.md, "Cause by experiment"): from backend A's
 * {@link Recipe} towards B's, one choice at a time, each intermediate backend run on the cell's first samples and
 * compared with B on every spiking node. The divergence left is 1 − the mean identical-bin fraction over those
 * samples and nodes (0: B's spikes exactly). Each step takes, of the choices still differing, the one whose change
 * leaves the least divergence (the first in the recipe's axis order on a tie); when no single change lowers it,
 * the two changes that together lower it most make one step (an effect that needs both); a combination the engine
 * refuses is shown with its reason and gone around (an indivisible fixed-point arithmetic moves its neuron choices
 * together, once no other choice can move). The cause is the step that removed most of the divergence; the steps
 * that each removed at least {@link #NAMED_SHARE} of it are named with it.
 */
public final class CauseWalk {
    /** A step that removes at least this share of the starting divergence is named among the causes. */
    static final double NAMED_SHARE = 0.1;

    private final UnitRunner runner;

    public CauseWalk(UnitRunner runner) {
        this.runner = runner;
    }

    /**
     * Walks from {@code a} to {@code b} on the first {@code samples} samples of {@code cell} (whose own backend does
     * not matter: the walk runs its model, input and parameter point).
     *
     * @throws RuntimeException when A or B itself cannot run the cell (then there is nothing to walk)
     */
    public CausePath walk(CellKey key, Cell cell, String a, String b, int samples) {
        InputSet input = runner.input(cell);
        WorkUnit unit = new WorkUnit(cell, 0, Math.max(1, Math.min(samples, input.samples())));
        Recipe from = Recipe.of(Backends.require(a));
        Recipe to = Recipe.of(Backends.require(b));
        Backend target = to.build();
        UnitRunner.Recording atB = runner.recordPicked(unit, target, input, CauseWalk::spikingNodes);
        List<String> nodes = atB.nodes();
        List<Map<String, SpikeRaster>> reference = rasters(atB, nodes, unit.size());
        double start = divergence(run(unit, from.build(), input, nodes), reference);
        List<CauseStep> steps = new ArrayList<>();
        List<String> remaining = new ArrayList<>(from.differingAxes(to));
        Set<String> refusedOnce = new LinkedHashSet<>();
        Recipe current = from;
        double left = start;
        String cause = null;
        double bestDrop = 0;
        List<Map.Entry<String, Double>> named = new ArrayList<>();
        while (!remaining.isEmpty()) {
            Round round = new Round(current, to, unit, input, nodes, reference);
            boolean neuronRefused = false;
            for (List<String> move : moves(remaining, false)) {
                RuntimeException e = round.consider(move);
                if (e != null) {
                    neuronRefused |= Recipe.NEURON_AXES.contains(move.get(0));
                    refused(steps, refusedOnce, current, to, move, e);
                }
            }
            // no single change helps: an effect of two choices together (Sinabs' several spikes per step need both its
            // reset and its input gain); look one step further and take the pair that removes most, if any does (a
            // pair refused together was said why where its single moves were refused)
            if (round.chosen != null && round.least >= left && remaining.size() > 1) {
                for (int i = 0; i < remaining.size(); i++) {
                    for (int j = i + 1; j < remaining.size(); j++) {
                        round.consider(List.of(remaining.get(i), remaining.get(j)));
                    }
                }
            }
            // an indivisible arithmetic: its neuron choices move together, once nothing else can move — alone, or
            // with the one other choice it needs (a chip's whole conversion runs only in its own arithmetic)
            List<List<String>> together = moves(remaining, true);
            if (round.chosen == null && neuronRefused && !together.isEmpty()) {
                RuntimeException e = round.consider(together.get(0));
                if (e != null) {
                    refused(steps, refusedOnce, current, to, together.get(0), e);
                    for (String axis : remaining) {
                        if (!together.get(0).contains(axis) && round.chosen == null) {
                            List<String> g = new ArrayList<>(together.get(0));
                            g.add(axis);
                            round.consider(g);
                        }
                    }
                }
            }
            List<String> chosen = round.chosen;
            Recipe next = round.next;
            double least = round.least;
            if (chosen == null) {
                break; // every remaining change is refused from here
            }
            String label = String.join(" + ", chosen);
            steps.add(new CauseStep(label, options(current, chosen), options(to, chosen), least, null));
            double drop = left - least;
            if (drop > bestDrop) {
                bestDrop = drop;
                cause = label;
            }
            if (start > 0 && drop >= NAMED_SHARE * start) {
                named.add(Map.entry(label, drop));
            }
            current = next;
            left = least;
            remaining.removeAll(chosen);
        }
        if (named.isEmpty() && cause != null) {
            named.add(Map.entry(cause, bestDrop));
        }
        named.sort(Map.Entry.<String, Double>comparingByValue().reversed());
        double total = start;
        String text = start == 0 ? a + " and " + b + " agree on these samples: nothing to explain"
                : cause == null ? "no change of choice brings " + a + " closer to " + b
                : a + " → " + b + ": " + String.join(", ", named.stream().map(e -> e.getKey()
                        + String.format(Locale.ROOT, " (%.0f %%)", 100 * e.getValue() / total)).toList())
                        + " of the divergence";
        return new CausePath(key, a, b, unit.size(), start, steps, cause, text);
    }

    /** One step's candidates: each is built and run, and the one that leaves the least divergence is kept. */
    private final class Round {
        final Recipe current;
        final Recipe to;
        final WorkUnit unit;
        final InputSet input;
        final List<String> nodes;
        final List<Map<String, SpikeRaster>> reference;
        List<String> chosen;
        Recipe next;
        double least = Double.POSITIVE_INFINITY;

        Round(Recipe current, Recipe to, WorkUnit unit, InputSet input, List<String> nodes,
                List<Map<String, SpikeRaster>> reference) {
            this.current = current;
            this.to = to;
            this.unit = unit;
            this.input = input;
            this.nodes = nodes;
            this.reference = reference;
        }

        /** Runs {@code current} with B's options on {@code move}; the reason when it is refused, else null. */
        RuntimeException consider(List<String> move) {
            Recipe candidate = current.with(move, to);
            try {
                double d = divergence(run(unit, candidate.build(), input, nodes), reference);
                if (d < least) {
                    least = d;
                    chosen = move;
                    next = candidate;
                }
                return null;
            } catch (RuntimeException e) {
                return e;
            }
        }
    }

    /** Each remaining axis alone; or ({@code together}) the remaining neuron axes as one move, if several. */
    private static List<List<String>> moves(List<String> remaining, boolean together) {
        if (!together) {
            return remaining.stream().map(List::of).toList();
        }
        List<String> neuron = remaining.stream().filter(Recipe.NEURON_AXES::contains).toList();
        return neuron.size() > 1 ? List.of(neuron) : List.of();
    }

    /** Lists a refused move once, with the reason, where the walk met it. */
    private static void refused(List<CauseStep> steps, Set<String> listed, Recipe current, Recipe to,
            List<String> move, RuntimeException e) {
        String label = String.join(" + ", move);
        if (listed.add(label)) {
            steps.add(new CauseStep(label, options(current, move), options(to, move), Double.NaN,
                    UnitRunner.oneLine(e)));
        }
    }

    private static String options(Recipe r, List<String> axes) {
        return String.join("; ", axes.stream().map(r::option).toList());
    }

    private List<Map<String, SpikeRaster>> run(WorkUnit unit, Backend backend, InputSet input, List<String> nodes) {
        return rasters(runner.record(unit, backend, input, nodes), nodes, unit.size());
    }

    private static List<String> spikingNodes(Program p) {
        return p.nodes().stream().filter(p::isSpiking).toList();
    }

    /** Each sample's rasters of the nodes, from a recording's time-major values. */
    private static List<Map<String, SpikeRaster>> rasters(UnitRunner.Recording rec, List<String> nodes, int batch) {
        List<Map<String, SpikeRaster>> out = new ArrayList<>();
        for (int b = 0; b < batch; b++) {
            Map<String, SpikeRaster> sample = new java.util.LinkedHashMap<>();
            for (String node : nodes) {
                float[] v = rec.values().get(node);
                int n = rec.program().size(node);
                List<int[]> events = new ArrayList<>();
                for (int t = 0; t < rec.steps(); t++) {
                    int base = (t * batch + b) * n;
                    for (int k = 0; k < n; k++) {
                        if (v[base + k] != 0) {
                            events.add(new int[] {k, t, (int) v[base + k]});
                        }
                    }
                }
                int[] neuron = new int[events.size()];
                int[] step = new int[events.size()];
                int[] count = new int[events.size()];
                for (int e = 0; e < events.size(); e++) {
                    neuron[e] = events.get(e)[0];
                    step[e] = events.get(e)[1];
                    count[e] = events.get(e)[2];
                }
                sample.put(node, SpikeRaster.of(n, rec.steps(), neuron, step, count));
            }
            out.add(sample);
        }
        return out;
    }

    /** 1 − the mean identical-bin fraction over the samples and nodes. */
    static double divergence(List<Map<String, SpikeRaster>> x, List<Map<String, SpikeRaster>> y) {
        double sum = 0;
        int n = 0;
        for (int s = 0; s < x.size(); s++) {
            for (Map.Entry<String, SpikeRaster> e : x.get(s).entrySet()) {
                sum += SpikeTrainComparison.identicalBinFraction(e.getValue(), y.get(s).get(e.getKey()));
                n++;
            }
        }
        return n == 0 ? 0 : 1 - sum / n;
    }
}
