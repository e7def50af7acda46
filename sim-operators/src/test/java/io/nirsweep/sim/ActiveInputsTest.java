package io.nirsweep.sim;

import io.nirsweep.model.Affine;
import io.nirsweep.model.Input;
import io.nirsweep.model.NirGraph;
import io.nirsweep.model.Output;
import io.nirsweep.sim.backend.Backends;
import io.nirsweep.sim.kernel.ActiveInputs;
import static io.nirsweep.sim.Sim.f32;
import static io.nirsweep.sim.Sim.none;
import static io.nirsweep.sim.Sim.typed;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The non-zero positions a node's weighted consumers share, and the products computed from them. */
class ActiveInputsTest {
    @Test
    void listsTheNonZeroPositionsOfEachSampleInOrder() {
        // Two samples of 4: −0 equals 0 (no event), NaN is not 0 (an event: W·NaN is NaN, as a dense product).
        float[] values = {0f, 1f, -0f, 2.5f, Float.NaN, 0f, 0f, -1f};
        ActiveInputs active = new ActiveInputs(2, 4);
        active.find(values, 0, 2);
        assertEquals(2, active.count(0));
        assertArrayEquals(new int[] {1, 3}, Arrays.copyOf(active.positions(0), 2));
        assertEquals(2, active.count(1));
        assertArrayEquals(new int[] {0, 3}, Arrays.copyOf(active.positions(1), 2));
    }

    @Test
    void aSampleRangeLeavesTheOtherSamplesAlone() {
        ActiveInputs active = new ActiveInputs(2, 3);
        active.find(new float[] {1f, 1f, 1f, 0f, 0f, 1f}, 0, 2);
        active.find(new float[] {0f, 0f, 0f, 1f, 0f, 0f}, 1, 2);
        assertEquals(3, active.count(0));
        assertEquals(1, active.count(1));
        assertEquals(0, active.positions(1)[0]);
    }

    @Test
    void twoAffinesReadingOneNodeEachComputeTheirOwnProduct() {
        // The input is listed once per step and both maps use the list:
        // [1 2 3; 4 5 6]·x + [0.5, −1] and [−1 0 1]·x, with x = [1, 0, 2] then [0, 0, 0] then [0, 3, 0].
        NirGraph g = typed(NirGraph.builder().node("input", Input.of(3))
                .node("a", new Affine(f32(new int[] {2, 3}, 1, 2, 3, 4, 5, 6), f32(new int[] {2}, 0.5, -1), none()))
                .node("b", new Affine(f32(new int[] {1, 3}, -1, 0, 1), f32(new int[] {1}, 0), none()))
                .node("oa", Output.of(null)).node("ob", Output.of(null))
                .chain("input", "a", "oa").chain("input", "b", "ob"));
        Map<String, float[]> out = Sim.run(g, Backends.require("exact"), new float[] {1, 0, 2, 0, 0, 0, 0, 3, 0}, 3,
                List.of("a", "b"), List.of());
        assertArrayEquals(new float[] {7.5f, 15f, 0.5f, -1f, 6.5f, 14f}, out.get("a"));
        assertArrayEquals(new float[] {1f, 0f, 0f}, out.get("b"));
    }
}
