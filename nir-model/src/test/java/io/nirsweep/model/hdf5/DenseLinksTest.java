package io.nirsweep.model.hdf5;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jhdf.HdfFile;
import io.jhdf.api.Group;
import io.nirsweep.model.Edge;
import io.nirsweep.model.NdArray;
import io.nirsweep.model.NirGraph;
import io.nirsweep.model.Shape;
import io.nirsweep.model.Threshold;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.Timeout.ThreadMode;

/**
 * Groups in HDF5 1.8 dense link storage (a fractal heap and a version-2 B-tree), as h5py writes them with
 * {@code libver='v108'}: read by {@link GroupMembers} (files from {@code src/test/resources/dense-links}, see
 * its README.md).
 */
class DenseLinksTest {
    static final Path DIR = Path.of("src/test/resources/dense-links");

    /** 20,000 links: a heap with a child indirect block and a B-tree of depth 2; every node is listed once. */
    @Test
    @Timeout(value = 30, threadMode = ThreadMode.SEPARATE_THREAD)
    void twentyThousandLinksAreRead() {
        // Without type checking: its 40,000 edges make shape inference the slow part, and it is not ours here.
        NirGraph graph = new NirReader(false, ReadLimits.DEFAULT).readFile(DIR.resolve("dense_links_20000.nir"))
                .graph();
        Set<String> expected = new TreeSet<>(Set.of("input", "output"));
        List<Edge> edges = new ArrayList<>();
        for (int i = 0; i < 20_000; i++) {
            String name = String.format("threshold_%06d", i);
            expected.add(name);
            edges.add(new Edge("input", name));
            edges.add(new Edge(name, "output"));
        }
        assertEquals(expected, new TreeSet<>(graph.nodes().keySet()));
        assertEquals(edges, graph.edges());
        for (String name : expected) {
            if (name.startsWith("threshold_")) {
                Threshold t = assertInstanceOf(Threshold.class, graph.node(name), name);
                assertEquals(NdArray.vector(0.5), t.threshold(), name);
            }
        }
    }

    /** The same layout, type-checked: a dense group is an ordinary graph once listed. */
    @Test
    void aSmallDenseGraphReadsAndTypeChecks() {
        NirGraph graph = NirReader.read(DIR.resolve("dense_links_300.nir")).graph();
        assertEquals(302, graph.nodes().size());
        assertEquals(600, graph.edges().size());
        assertEquals(Shape.of(1), graph.inputShape());
        assertEquals(Shape.of(1), graph.outputShape());
    }

    /**
     * Why {@link GroupMembers} lists dense groups itself: jhdf 0.13 fails on this heap. When an upgrade of jhdf
     * reads it, this fails: then the dense listing may go.
     */
    @Test
    void jhdfAloneCannotListTheBigGroup() {
        try (HdfFile hdf = new HdfFile(DIR.resolve("dense_links_20000.nir"))) {
            Group nodes = (Group) hdf.getByPath("/node/nodes");
            RuntimeException e = assertThrows(RuntimeException.class, nodes::getChildren);
            Throwable root = e;
            while (root.getCause() != null) {
                root = root.getCause();
            }
            assertTrue(String.valueOf(root.getMessage()).contains("Negative size"), root.toString());
        }
    }
}
