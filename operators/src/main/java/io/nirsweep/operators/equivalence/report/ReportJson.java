package io.nirsweep.operators.equivalence.report;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.module.SimpleModule;
import java.io.IOException;

/**
 * The JSON of a report ({@code summary.json}, and the rows its pipeline hands to the driver): the report's records
 * as objects with their component names, an undefined number (NaN) as {@code null} and read back as NaN, so that
 * any JSON reader takes the file and a baseline's metrics come back as they were.
 */
public final class ReportJson {
    /** Shared and thread-safe once configured. */
    public static final ObjectMapper MAPPER = mapper();

    private ReportJson() {}

    private static ObjectMapper mapper() {
        SimpleModule nan = new SimpleModule("nirsweep-nan");
        JsonSerializer<Double> nullIfNaN = new JsonSerializer<>() {
            @Override
            public void serialize(Double v, JsonGenerator g, SerializerProvider p) throws IOException {
                if (v == null || v.isNaN() || v.isInfinite()) {
                    g.writeNull();
                } else {
                    g.writeNumber(v);
                }
            }
        };
        nan.addSerializer(Double.class, nullIfNaN);
        nan.addSerializer(double.class, nullIfNaN);
        nan.addDeserializer(double.class, new JsonDeserializer<>() {
            @Override
            public Double deserialize(JsonParser p, DeserializationContext c) throws IOException {
                return p.currentToken() == JsonToken.VALUE_NULL ? Double.NaN : p.getDoubleValue();
            }

            @Override
            public Double getNullValue(DeserializationContext c) {
                return Double.NaN;
            }
        });
        return new ObjectMapper().registerModule(nan).disable(SerializationFeature.FAIL_ON_EMPTY_BEANS);
    }

    /** One line of JSON (the pipeline's rows). */
    public static String line(Object value) {
        try {
            return MAPPER.writeValueAsString(value);
        } catch (IOException e) {
            throw new IllegalStateException("cannot write " + value.getClass().getSimpleName() + " as JSON", e);
        }
    }

    /** A value of that type from one line of JSON; an {@link IllegalArgumentException} naming the line if not. */
    public static <T> T read(String line, Class<T> type) {
        try {
            return MAPPER.readValue(line, type);
        } catch (IOException e) {
            throw new IllegalArgumentException("not a " + type.getSimpleName() + ": " + e.getMessage(), e);
        }
    }
}
