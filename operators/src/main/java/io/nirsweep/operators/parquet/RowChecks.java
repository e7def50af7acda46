package io.nirsweep.operators.parquet;

/** The argument checks the row records share, so that their messages read alike. */
final class RowChecks {

    private RowChecks() {
    }

    static void nonNegative(String field, int value) {
        if (value < 0) {
            throw new IllegalArgumentException(field + " must not be negative, got " + value);
        }
    }
}
