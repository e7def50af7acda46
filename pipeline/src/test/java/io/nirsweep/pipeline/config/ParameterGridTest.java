package io.nirsweep.pipeline.config;

import io.nirsweep.sim.backend.StepLength;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.nirsweep.operators.inputs.InputSpec;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class ParameterGridTest {
    private static StepLength s(double seconds) {
        return StepLength.seconds(seconds);
    }

    @Test
    void expansionOrderFollowsTheSortedKeysWithTheLastFastest() {
        ParameterGrid grid = new ParameterGrid(List.of(s(1e-4), s(1e-3), StepLength.NATIVE), List.of(1.0, 2.0),
                List.of(0.5), Arrays.asList(null, 8), List.of(7L, 3L));
        List<String> json = grid.points().stream().map(ParameterPoint::canonicalJson).toList();
        assertEquals(List.of(
                "{\"dt\":0.0001,\"input_seed\":7,\"tau_scale\":1,\"threshold_scale\":0.5,\"weight_bits\":null}",
                "{\"dt\":0.0001,\"input_seed\":7,\"tau_scale\":1,\"threshold_scale\":0.5,\"weight_bits\":8}",
                "{\"dt\":0.0001,\"input_seed\":7,\"tau_scale\":2,\"threshold_scale\":0.5,\"weight_bits\":null}",
                "{\"dt\":0.0001,\"input_seed\":7,\"tau_scale\":2,\"threshold_scale\":0.5,\"weight_bits\":8}",
                "{\"dt\":0.0001,\"input_seed\":3,\"tau_scale\":1,\"threshold_scale\":0.5,\"weight_bits\":null}",
                "{\"dt\":0.0001,\"input_seed\":3,\"tau_scale\":1,\"threshold_scale\":0.5,\"weight_bits\":8}",
                "{\"dt\":0.0001,\"input_seed\":3,\"tau_scale\":2,\"threshold_scale\":0.5,\"weight_bits\":null}",
                "{\"dt\":0.0001,\"input_seed\":3,\"tau_scale\":2,\"threshold_scale\":0.5,\"weight_bits\":8}",
                "{\"dt\":0.001,\"input_seed\":7,\"tau_scale\":1,\"threshold_scale\":0.5,\"weight_bits\":null}",
                "{\"dt\":0.001,\"input_seed\":7,\"tau_scale\":1,\"threshold_scale\":0.5,\"weight_bits\":8}",
                "{\"dt\":0.001,\"input_seed\":7,\"tau_scale\":2,\"threshold_scale\":0.5,\"weight_bits\":null}",
                "{\"dt\":0.001,\"input_seed\":7,\"tau_scale\":2,\"threshold_scale\":0.5,\"weight_bits\":8}",
                "{\"dt\":0.001,\"input_seed\":3,\"tau_scale\":1,\"threshold_scale\":0.5,\"weight_bits\":null}",
                "{\"dt\":0.001,\"input_seed\":3,\"tau_scale\":1,\"threshold_scale\":0.5,\"weight_bits\":8}",
                "{\"dt\":0.001,\"input_seed\":3,\"tau_scale\":2,\"threshold_scale\":0.5,\"weight_bits\":null}",
                "{\"dt\":0.001,\"input_seed\":3,\"tau_scale\":2,\"threshold_scale\":0.5,\"weight_bits\":8}"),
                json.subList(0, 16));
        assertEquals("{\"dt\":\"native\",\"input_seed\":7,\"tau_scale\":1,\"threshold_scale\":0.5,\"weight_bits\":null}",
                json.get(16));
        assertEquals(java.math.BigInteger.valueOf(24), grid.size(true));
        assertEquals(grid.points(), grid.points()); // the same every time
    }

    @Test
    void inputsReadFromFilesHaveNoSeedAxis() {
        ParameterGrid grid = new ParameterGrid(List.of(s(1e-4)), List.of(1.0), List.of(1.0), Arrays.asList(8),
                List.of(0L, 1L, 2L));
        List<ParameterPoint> points = grid.points(false);
        assertEquals(List.of(new ParameterPoint(s(1e-4), 1, 1, 8, null)), points);
        assertEquals("{\"dt\":0.0001,\"input_seed\":null,\"tau_scale\":1,\"threshold_scale\":1,\"weight_bits\":8}",
                points.get(0).canonicalJson());
        assertEquals(java.math.BigInteger.ONE, grid.size(false));

        InputSpec file = new InputSpec.Npy("x", "/x.npy", null);
        assertSame(file, points.get(0).input(file));
        InputSpec.Poisson noise = new InputSpec.Poisson("n", List.of(2), 5, 3, 0.1, 0, null);
        assertEquals(noise.withSeed(2), grid.points(true).get(2).input(noise));
    }

    @Test
    void numbersHaveOneCanonicalSpelling() {
        assertEquals("0.0001", CanonicalJson.number(1e-4));
        assertEquals("0.0001", CanonicalJson.number(0.00010));
        assertEquals("1", CanonicalJson.number(1.0));
        assertEquals("2.5", CanonicalJson.number(2.5));
        assertEquals("0.000001", CanonicalJson.number(1e-6));
        assertEquals("1e-7", CanonicalJson.number(1e-7));
        assertEquals("1.5e-7", CanonicalJson.number(1.5e-7));
        assertEquals("100000000000000000000", CanonicalJson.number(1e20));
        assertEquals("1e+21", CanonicalJson.number(1e21));
        assertEquals("1.5e+22", CanonicalJson.number(1.5e22));
        assertEquals("0.30000000000000004", CanonicalJson.number(0.1 + 0.2));
        assertEquals("123456789012345680000", CanonicalJson.number(1.2345678901234568e20));
        assertEquals("5e-324", CanonicalJson.number(Double.MIN_VALUE));
        assertEquals("1.7976931348623157e+308", CanonicalJson.number(Double.MAX_VALUE));
        assertEquals("-0.5", CanonicalJson.number(-0.5));
        assertEquals("0", CanonicalJson.number(-0.0));
        // 2^-44 is one of the doubles whose Java 17 Double.toString is not the shortest
        assertEquals("5.684341886080802e-14", CanonicalJson.number(0x1p-44));
        assertEquals("2e+23", CanonicalJson.number(2e23));
        assertThrows(IllegalArgumentException.class, () -> CanonicalJson.number(Double.NaN));
    }

    @Test
    void impossibleGridsAreRefusedInCodeToo() {
        assertThrows(IllegalArgumentException.class, () -> new ParameterGrid(List.of(), List.of(1.0), List.of(1.0),
                Arrays.asList((Integer) null), List.of(0L)));
        assertThrows(IllegalArgumentException.class, () -> new ParameterGrid(List.of(s(1)), List.of(-1.0),
                List.of(1.0), Arrays.asList((Integer) null), List.of(0L)));
        assertThrows(IllegalArgumentException.class, () -> new ParameterGrid(List.of(s(1)), List.of(1.0),
                List.of(1.0), Arrays.asList(33), List.of(0L)));
        assertThrows(IllegalArgumentException.class, () -> new ParameterGrid(List.of(StepLength.NATIVE, StepLength.NATIVE), List.of(1.0),
                List.of(1.0), Arrays.asList((Integer) null), List.of(0L)));
    }
}
