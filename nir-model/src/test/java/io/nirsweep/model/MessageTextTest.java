package io.nirsweep.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** Names and messages as they are printed: one line, control characters visible, other Unicode as it is. */
class MessageTextTest {
    @Test
    void quoteEscapesControlCharactersQuotesAndBackslashes() {
        assertEquals("'a\\nb\\r\\tc\\u0007\\u001b[31m'", MessageText.quote("a\nb\r\tc\u0007\u001b[31m"));
        assertEquals("'it\\'s a\\\\b'", MessageText.quote("it's a\\b"));
        assertEquals("'line\\u2028sep'", MessageText.quote("line\u2028sep"));
        assertEquals("'lone\\ud800'", MessageText.quote("lone\ud800"));
    }

    /** At depth 50 the blamed node is the end of its path: a long path keeps its end, whole parts at a time. */
    @Test
    void quotePathKeepsTheEndOfALongPath() {
        String path = String.join("/", java.util.Collections.nCopies(50, "subgraph")) + "/lif";
        String shown = MessageText.quotePath(path);
        assertTrue(shown.startsWith("'.../subgraph/") && shown.endsWith("/subgraph/lif'"), shown);
        assertTrue(shown.length() <= MessageText.MAX_QUOTED + 2, shown);
        assertEquals("'outer/inner'", MessageText.quotePath("outer/inner"));
        String longLast = "a/" + "x".repeat(300);
        assertEquals("'.../" + "x".repeat(MessageText.MAX_QUOTED - 4) + "'...", MessageText.quotePath(longLast));
        NirException e = NirException.format("bad").inNode(path);
        assertTrue(e.getMessage().contains("/subgraph/lif'"), e.getMessage());
    }

    @Test
    void quoteKeepsUnicodeNamesAsTheyAre() {
        assertEquals("'出力'", MessageText.quote("出力"));
        assertEquals("'layer 1.lif'", MessageText.quote("layer 1.lif"));
        assertEquals("'gewicht_ä \uD83E\uDDE0'", MessageText.quote("gewicht_ä \uD83E\uDDE0"));
    }

    @Test
    void quoteCutsLongNamesWithoutSplittingACharacter() {
        String brains = "\uD83E\uDDE0".repeat(MessageText.MAX_QUOTED + 5);
        assertEquals("'" + "\uD83E\uDDE0".repeat(MessageText.MAX_QUOTED) + "'...", MessageText.quote(brains));
        String exact = "x".repeat(MessageText.MAX_QUOTED);
        assertEquals("'" + exact + "'", MessageText.quote(exact));
    }

    @Test
    void oneLineEscapesOnlyInvisibleCharacters() {
        String plain = "file.nir: node 'a\\b': fine";
        assertSame(plain, MessageText.oneLine(plain));
        assertEquals("a\\nb\\u0000c", MessageText.oneLine("a\nb\0c"));
    }

    @Test
    void exceptionMessagesQuoteNodeAndParameterOnOneLine() {
        NirException e = NirException.value("ta\nu", "must be finite").inNode("outer\n").inNode("top")
                .inFile(Path.of("/tmp/a\nb.nir"));
        assertEquals("/tmp/a\\nb.nir: node 'top/outer\\n', parameter 'ta\\nu': must be finite", e.getMessage());
        assertEquals("top/outer\n", e.node());
        assertEquals("'a' -> 'b\\u0007'", new Edge("a", "b\u0007").toString());
    }

    @Test
    void listingsShowAFewNamesAndTheCount() {
        assertEquals("a, b", MessageText.listed(java.util.List.of("a", "b"), 3));
        assertEquals("a, 'b\\nc', 'd,e'", MessageText.listed(java.util.List.of("a", "b\nc", "d,e"), 3));
        java.util.List<String> many = java.util.stream.IntStream.range(0, 1_000_000).mapToObj(k -> "n" + k).toList();
        assertEquals("n0, n1, … (1000000 in all)", MessageText.listed(many, 2));
    }
}
