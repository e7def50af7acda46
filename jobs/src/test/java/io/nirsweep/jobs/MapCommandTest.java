package io.nirsweep.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.nirsweep.model.Affine;
import io.nirsweep.model.Corpus;
import io.nirsweep.model.DType;
import io.nirsweep.model.IF;
import io.nirsweep.model.Input;
import io.nirsweep.model.Metadata;
import io.nirsweep.model.NdArray;
import io.nirsweep.model.NirGraph;
import io.nirsweep.model.Output;
import io.nirsweep.model.Shape;
import io.nirsweep.model.hdf5.NirWriter;
import java.nio.file.Path;
import io.nirsweep.operators.chip.BudgetChip;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code map --target T M.nir} as docs/cli.md fixes it, on the test chip {@link BudgetChip} of operators' test sources:
 * one core per neuron node in the file's order, at most 4 neurons per core, 2 cores, a fan-in bound it does not
 * publish, thresholds in steps of 1/8.
 */
class MapCommandTest {
    static final String CHIP = BudgetChip.NAME;
    static final String SOURCE = "[test chip (operators/src/test/.../BudgetChip.java)]";
    /** One LIF node of 3 neurons: fits on core 0. */
    static final String LIF = Corpus.file("generated/lif.nir").toString();
    /** LI li (3 neurons) on core 0, LIF lif1 (8) on core 1: one core over its 4 neurons. */
    static final String MLP = Corpus.file("generated/feedforward_mlp.nir").toString();
    /** IF if1 (4×16×16 = 1024), IF if2 (8×6×6 = 288), LIF lif (10): three cores over 4 neurons, 3 cores of 2. */
    static final String CNN = Corpus.file("generated/cnn.nir").toString();

    @TempDir
    Path tmp;

    @Test
    void aFittingModelPrintsTheReportAndExitsZero() {
        Cli cli = Cli.run("map", "--target", CHIP, LIF);
        assertEquals(0, cli.exitCode(), cli.err());
        assertEquals("", cli.err());
        List<String> lines = cli.out().lines().toList();
        assertEquals(CHIP + ": fits", lines.get(0));
        assertTrue(lines.contains("    core 0: neurons per core 3 (≤ 4 neurons)"), cli.out());
        assertTrue(lines.contains("    lif: fan-in per neuron 1 (not public)"), cli.out());
        assertTrue(lines.contains("placement:"), cli.out());
        assertTrue(lines.contains("    lif → core 0 (3 neurons)"), cli.out());
        // 0.8 in eighths: 6.4 → 6, 0.75; |0.75 − 0.8| / 0.8 = 0.0625, over the 3 thresholds' mean 0.0625 / 3
        assertTrue(lines.contains("    lif threshold: max 0.0625, mean 0.0208 relative error over 3 values"),
                cli.out());
    }

    @Test
    void aModelThatDoesNotFitExitsTwoWithOneLinePerViolation() {
        Cli cli = Cli.run("map", "--target", CHIP, MLP);
        assertEquals(2, cli.exitCode(), cli.err());
        assertEquals(List.of("nirsweep: " + MLP + ": node 'lif1': neurons per core 8 > 4 neurons (core 1) " + SOURCE),
                cli.errorLines());
        assertTrue(cli.out().startsWith(CHIP + ": does not fit (1 violation)\n"), cli.out());
        assertTrue(cli.out().contains("  ! core 1: neurons per core 8 (≤ 4 neurons)\n"), cli.out());
        assertFalse(cli.out().contains("placement:"), cli.out());
    }

    @Test
    void everyViolationIsItsOwnLine() {
        Cli cli = Cli.run("map", "--target", CHIP, CNN);
        assertEquals(2, cli.exitCode(), cli.err());
        assertEquals(List.of(
                "nirsweep: " + CNN + ": node 'if1': neurons per core 1024 > 4 neurons (core 0) " + SOURCE,
                "nirsweep: " + CNN + ": node 'if2': neurons per core 288 > 4 neurons (core 1) " + SOURCE,
                "nirsweep: " + CNN + ": node 'lif': neurons per core 10 > 4 neurons (core 2) " + SOURCE,
                "nirsweep: " + CNN + ": cores 3 > 2 cores " + SOURCE), cli.errorLines());
    }

    @Test
    void jsonOfAFittingModel() throws Exception {
        Cli cli = Cli.run("map", "--target", CHIP, "--json", "--dt", "0.001", LIF);
        assertEquals(0, cli.exitCode(), cli.err());
        assertEquals(1, cli.out().lines().count(), cli.out());
        JsonNode o = new ObjectMapper().readTree(cli.out());
        assertEquals(CHIP, o.get("target").asText());
        assertEquals(LIF, o.get("model").asText());
        assertEquals(0.001, o.get("dt").asDouble());
        assertTrue(o.get("fits").asBoolean());
        assertEquals("lif", o.get("placement").get(0).get("node").asText());
        assertEquals("core 0", o.get("placement").get(0).get("unit").asText());
        JsonNode fanIn = o.get("resources").get(1);
        assertEquals("fan-in per neuron", fanIn.get("resource").asText());
        assertTrue(fanIn.get("limit").isNull());
        assertEquals(0.0625, o.get("quantisation").get(0).get("max_relative").asDouble(), 1e-12);
        assertEquals(0, o.get("violations").size());
    }

    @Test
    void jsonOfAModelThatDoesNotFitIsOnStdoutWithExitTwo() throws Exception {
        Cli cli = Cli.run("map", "--target", CHIP, "--json", MLP);
        assertEquals(2, cli.exitCode(), cli.err());
        assertEquals(List.of(), cli.errorLines());
        JsonNode o = new ObjectMapper().readTree(cli.out());
        assertFalse(o.get("fits").asBoolean());
        assertEquals(1, o.get("violations").size());
        JsonNode v = o.get("violations").get(0);
        assertEquals("lif1", v.get("node").asText());
        assertEquals("neurons per core 8 > 4 neurons (core 1)", v.get("rule").asText());
        assertTrue(o.get("resources").get(2).get("exceeds").asBoolean(), o.get("resources").toString());
        assertEquals(0, o.get("placement").size());
    }

    @Test
    void aBackendThatIsNotAChipIsRefusedNamingTheTargets() {
        Cli cli = Cli.run("map", "--target", "exact", LIF);
        assertEquals(2, cli.exitCode());
        assertEquals(1, cli.errorLines().size(), cli.err());
        String line = cli.errorLines().get(0);
        assertTrue(line.startsWith("nirsweep: --target: no chip target 'exact' (exact is a simulator backend"), line);
        assertTrue(line.contains("targets: ") && line.contains(CHIP), line);
        Cli unknown = Cli.run("map", "--target", "nope", LIF);
        assertEquals(2, unknown.exitCode());
        assertTrue(unknown.errorLines().get(0).startsWith("nirsweep: --target: no chip target 'nope' (targets: "),
                unknown.err());
    }

    @Test
    void badInputIsOneLineAndExitTwo() {
        Cli truncated = Cli.run("map", "--target", CHIP, Corpus.file("bad/truncated.nir").toString());
        assertEquals(2, truncated.exitCode());
        assertEquals(1, truncated.errorLines().size(), truncated.err());
        assertTrue(truncated.errorLines().get(0).contains("truncated.nir"), truncated.err());

        Cli dt = Cli.run("map", "--target", CHIP, "--dt", "0", LIF);
        assertEquals(2, dt.exitCode());
        assertEquals(List.of("nirsweep: --dt: dt must be a positive number of seconds, is 0.0"), dt.errorLines());

        Cli own = Cli.run("map", "--target", CHIP, "--dt", "native", LIF);
        assertEquals(2, own.exitCode());
        assertEquals(List.of("nirsweep: " + LIF + ": the " + CHIP + " backend has no dt of its own: give dt in"
                + " seconds"), own.errorLines());

        Cli bits = Cli.run("map", "--target", CHIP, "--weight-bits", "8", LIF);
        assertEquals(2, bits.exitCode());
        assertEquals(1, bits.errorLines().size(), bits.err());
        assertTrue(bits.errorLines().get(0).contains("weight_bits 8: the " + CHIP + " backend does not take"),
                bits.err());

        Cli zero = Cli.run("map", "--target", CHIP, "--weight-bits", "0", LIF);
        assertEquals(List.of("nirsweep: --weight-bits must be at least 1, is 0"), zero.errorLines());

        Cli missing = Cli.run("map", LIF);
        assertEquals(2, missing.exitCode());
        assertEquals(1, missing.errorLines().size(), missing.err());
    }

    /**
     * An Affine → IF whose threshold is the smallest float32, 1.4e-45: scaled into Speck's 16-bit state it rounds to 0
     * (the conversion used to throw, and map said "internal error", exit 1). Now the report's violation at the IF:
     * exit 2, "fits": false on stdout, the violation in the JSON.
     */
    @Test
    void aThresholdTheChipCannotHoldIsAViolationExitTwo() {
        Path file = tmp.resolve("tiny_threshold.nir");
        NirWriter.write(NirGraph.builder().node("input", Input.of(1))
                .node("fc", new Affine(NdArray.ofDoubles(DType.FLOAT32, new int[] {1, 1}, new double[] {1}),
                        NdArray.vector(0), Metadata.EMPTY))
                .node("if", new IF(NdArray.vector(1), NdArray.vector(1e-45), NdArray.vector(0), Metadata.EMPTY))
                .node("output", Output.of(Shape.of(1))).chain("input", "fc", "if", "output").build(), file);
        Cli cli = Cli.run("map", "--target", "speck", "--json", file.toString());
        assertEquals(2, cli.exitCode(), cli.err());
        assertTrue(cli.out().contains("\"fits\":false"), cli.out());
        assertTrue(cli.out().contains("{\"node\":\"if\",\"rule\":\"threshold 1.4E-45 rounds to threshold_high 0"),
                cli.out());
        Cli text = Cli.run("map", "--target", "speck", file.toString());
        assertEquals(2, text.exitCode(), text.err());
        assertEquals(1, text.errorLines().size(), text.err());
        assertTrue(text.errorLines().get(0).startsWith("nirsweep: " + file + ": node 'if': threshold 1.4E-45 rounds"),
                text.err());
        assertFalse(text.err().contains("internal error"), text.err());
    }
}
