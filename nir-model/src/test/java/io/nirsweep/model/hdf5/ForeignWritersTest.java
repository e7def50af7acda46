package io.nirsweep.model.hdf5;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.jhdf.HdfFile;
import io.jhdf.WritableHdfFile;
import io.jhdf.api.WritableGroup;
import io.nirsweep.model.DType;
import io.nirsweep.model.Edge;
import io.nirsweep.model.Input;
import io.nirsweep.model.LIF;
import io.nirsweep.model.Metadata;
import io.nirsweep.model.NdArray;
import io.nirsweep.model.NirGraph;
import io.nirsweep.model.NirNode;
import io.nirsweep.model.Output;
import io.nirsweep.model.Scale;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Files from writers other than h5py: jhdf writes fixed-length strings, newer superblocks and link-message
 * groups, and a root attribute; the reader takes them all. And every numeric dtype survives our writer and
 * reader.
 */
class ForeignWritersTest {
    @TempDir
    Path dir;

    @Test
    void readsAFileWithFixedLengthStringsWrittenByJhdf() {
        Path file = dir.resolve("jhdf.nir");
        try (WritableHdfFile hdf = HdfFile.write(file)) {
            hdf.putDataset("version", "1.0.0");
            WritableGroup node = hdf.putGroup("node");
            node.putDataset("type", "NIRGraph");
            node.putDataset("edges", new String[][] {{"input", "lif"}, {"lif", "output"}});
            WritableGroup nodes = node.putGroup("nodes");
            WritableGroup input = nodes.putGroup("input");
            input.putDataset("type", "Input");
            input.putDataset("shape", new long[] {2});
            WritableGroup lif = nodes.putGroup("lif");
            lif.putDataset("type", "LIF");
            lif.putDataset("tau", new double[] {0.01, 0.02});
            lif.putDataset("r", new double[] {1, 1});
            lif.putDataset("v_leak", new double[] {0, 0});
            lif.putDataset("v_threshold", new float[] {1, 2});
            WritableGroup output = nodes.putGroup("output");
            output.putDataset("type", "Output");
            output.putDataset("shape", new long[] {2});
        }
        NirFile read = NirReader.read(file);
        assertEquals("1.0.0", read.version());
        NirGraph g = read.graph();
        assertEquals(List.of(new Edge("input", "lif"), new Edge("lif", "output")), g.edges());
        LIF lif = (LIF) g.node("lif");
        assertEquals(DType.FLOAT32, lif.vThreshold().dtype());
        assertEquals(NdArray.ofDoubles(DType.FLOAT32, new int[] {2}, new double[] {0, 0}), lif.vReset());
    }

    @Test
    void everyNumericDtypeRoundTrips() {
        Map<String, NirNode> nodes = new LinkedHashMap<>();
        List<Edge> edges = new ArrayList<>();
        nodes.put("input", Input.of(2));
        String previous = "input";
        for (DType t : DType.values()) {
            if (t == DType.BOOL) {
                continue;
            }
            NdArray scale = t.isFloating()
                    ? NdArray.ofDoubles(t, new int[] {2}, new double[] {-0.5, 1.5})
                    : NdArray.ofLongs(t, new int[] {2}, new long[] {t.isSigned() ? -3 : 250, 7});
            nodes.put(t.numpyName(), new Scale(scale, Metadata.EMPTY));
            edges.add(new Edge(previous, t.numpyName()));
            previous = t.numpyName();
        }
        nodes.put("output", Output.of(io.nirsweep.model.Shape.of(2)));
        edges.add(new Edge(previous, "output"));
        NirGraph g = NirGraph.of(nodes, edges);
        Path file = dir.resolve("dtypes.nir");
        NirWriter.write(g, file);
        assertEquals(g, NirReader.read(file).root());
    }
}
