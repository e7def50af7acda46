package io.nirsweep.pipeline.config;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.error.MarkedYAMLException;

/**
 * A YAML document as a tree whose every node knows its line: Jackson's own trees ({@code JsonNode}) forget where
 * their values were, and every message about a config must name the line. The tree is built from Jackson's
 * streaming YAML parser (SnakeYAML underneath), whose token locations carry the lines.
 *
 * <p>Scalars keep Jackson's reading of plain YAML 1.1 scalars ({@code 1e-4} and {@code 0x10} are numbers,
 * {@code yes} and {@code True} booleans, {@code ~}, {@code null} and an empty value null; an empty quoted string
 * counts as empty too) and their source text. Refused, with
 * their line: duplicate keys (YAML forbids them; SnakeYAML's event stream lets them through), aliases
 * ({@code *name}: Jackson would pass the alias name off as a string), non-scalar keys, several documents in one
 * file, and syntax errors.
 */
final class YamlTree {

    /** A node of the tree, and the 1-based line where it starts. */
    sealed interface Node permits MapNode, ListNode, Scalar {
        int line();

        /** What the node is, for "must be X, got Y" messages. */
        String describe();
    }

    /** A key of a mapping, the line of the key, and its value. */
    record Entry(String key, int line, Node value) {
    }

    /** A mapping, keys in document order. */
    record MapNode(int line, Map<String, Entry> entries) implements Node {
        MapNode {
            entries = Collections.unmodifiableMap(new LinkedHashMap<>(entries));
        }

        @Override
        public String describe() {
            return "a mapping";
        }
    }

    /** A sequence. */
    record ListNode(int line, List<Node> items) implements Node {
        ListNode {
            items = List.copyOf(items);
        }

        @Override
        public String describe() {
            return "a list";
        }
    }

    /**
     * A scalar: its type as Jackson reads it ({@code VALUE_STRING}, {@code VALUE_NUMBER_INT},
     * {@code VALUE_NUMBER_FLOAT}, {@code VALUE_TRUE}, {@code VALUE_FALSE}, {@code VALUE_NULL}), its text as written,
     * and for numbers the value (null when Jackson sees a number it cannot convert, such as {@code .inf}).
     */
    record Scalar(int line, JsonToken token, String text, Number number) implements Node {
        boolean isNull() {
            return token == JsonToken.VALUE_NULL;
        }

        boolean isNumber() {
            return token == JsonToken.VALUE_NUMBER_INT || token == JsonToken.VALUE_NUMBER_FLOAT;
        }

        @Override
        public String describe() {
            return switch (token) {
                case VALUE_NULL -> "null";
                case VALUE_TRUE, VALUE_FALSE -> "the boolean " + text;
                case VALUE_STRING -> "'" + text + "'";
                default -> text;
            };
        }
    }

    private static final YAMLFactory FACTORY = YAMLFactory.builder().loaderOptions(loaderOptions()).build();

    private static LoaderOptions loaderOptions() {
        LoaderOptions options = new LoaderOptions();
        options.setMaxAliasesForCollections(10);
        options.setNestingDepthLimit(20);
        options.setCodePointLimit(SweepConfig.MAX_CONFIG_BYTES);
        return options;
    }

    private final Path file;
    private final JsonParser parser;

    private YamlTree(Path file, JsonParser parser) {
        this.file = file;
        this.parser = parser;
    }

    /**
     * Parses a whole document.
     *
     * @param file the config file as the user named it, for messages
     * @return the root, or null when the document is empty (or only comments)
     * @throws ConfigException when the text is not one well-formed YAML document of the supported subset
     */
    static Node parse(String text, Path file) {
        try (JsonParser parser = FACTORY.createParser(text)) {
            YamlTree tree = new YamlTree(file, parser);
            JsonToken first = parser.nextToken();
            if (first == null) {
                return null;
            }
            Node root = tree.node(first);
            if (parser.nextToken() != null) {
                throw new ConfigException(file, line(parser), null, "holds several YAML documents ('---'); a sweep"
                        + " config is one");
            }
            return root;
        } catch (JsonProcessingException e) {
            throw syntax(file, e);
        } catch (IOException e) {
            throw new ConfigException(file, 0, null, "cannot read: " + e.getMessage(), e);
        }
    }

    private Node node(JsonToken token) throws IOException {
        int line = line(parser);
        if (parser instanceof YAMLParser yaml && yaml.isCurrentAlias()) {
            throw new ConfigException(file, line, null, "aliases ('*" + parser.getText() + "') are not supported:"
                    + " write the value out");
        }
        switch (token) {
            case START_OBJECT -> {
                Map<String, Entry> entries = new LinkedHashMap<>();
                JsonToken t;
                while ((t = parser.nextToken()) == JsonToken.FIELD_NAME) {
                    String key = parser.currentName();
                    int keyLine = line(parser);
                    Entry previous = entries.get(key);
                    if (previous != null) {
                        throw new ConfigException(file, keyLine, key, "key '" + key + "' appears twice in this"
                                + " mapping (first on line " + previous.line() + ")");
                    }
                    entries.put(key, new Entry(key, keyLine, node(parser.nextToken())));
                }
                expectEnd(t, JsonToken.END_OBJECT);
                return new MapNode(line, entries);
            }
            case START_ARRAY -> {
                List<Node> items = new ArrayList<>();
                JsonToken t;
                while ((t = parser.nextToken()) != JsonToken.END_ARRAY && t != null) {
                    items.add(node(t));
                }
                expectEnd(t, JsonToken.END_ARRAY);
                return new ListNode(line, items);
            }
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> {
                Number value;
                try {
                    value = parser.getNumberValue();
                } catch (StreamConstraintsException e) {
                    throw new ConfigException(file, line, null, "the number " + parser.getText() + " is too long", e);
                } catch (JsonProcessingException e) {
                    value = null; // e.g. ".inf": a YAML float Java does not parse; reported where a number is needed
                }
                return new Scalar(line, token, parser.getText(), value);
            }
            case VALUE_STRING, VALUE_TRUE, VALUE_FALSE, VALUE_NULL -> {
                String text = parser.getText();
                // "key:" with nothing after it is null in YAML; Jackson reports it as an empty string
                JsonToken type = token == JsonToken.VALUE_STRING && text.isEmpty() ? JsonToken.VALUE_NULL : token;
                return new Scalar(line, type, text, null);
            }
            default -> throw new ConfigException(file, line, null, "unexpected YAML content (" + token + ")");
        }
    }

    private void expectEnd(JsonToken got, JsonToken wanted) {
        if (got != wanted) {
            throw new ConfigException(file, line(parser), null, "malformed YAML: expected " + wanted + ", got "
                    + got);
        }
    }

    private static int line(JsonParser parser) {
        return parser.currentTokenLocation().getLineNr();
    }

    /** A YAML syntax error as one line: SnakeYAML's problem and its line rather than Jackson's multi-line dump. */
    private static ConfigException syntax(Path file, JsonProcessingException e) {
        Throwable cause = e.getCause();
        if (cause instanceof MarkedYAMLException m && m.getProblemMark() != null) {
            String context = m.getContext() == null ? "" : " (" + m.getContext() + ")";
            return new ConfigException(file, m.getProblemMark().getLine() + 1, null, "malformed YAML: "
                    + m.getProblem() + context, e);
        }
        int line = e.getLocation() == null ? 0 : e.getLocation().getLineNr();
        String message = e.getOriginalMessage() == null ? e.getClass().getSimpleName() : e.getOriginalMessage();
        return new ConfigException(file, Math.max(line, 0), null, "malformed YAML: "
                + message.lines().findFirst().orElse(message), e);
    }
}
