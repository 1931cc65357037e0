package io.trailhound.pattern;

/** Comparison operators of JSON and space-delimited patterns, each holding its source symbol. */
enum Operator {
    EQ("="),
    NE("!="),
    LT("<"),
    LE("<="),
    GT(">"),
    GE(">=");

    final String symbol;

    Operator(String symbol) {
        this.symbol = symbol;
    }

    boolean isEquality() {
        return this == EQ || this == NE;
    }

    /** Reads an operator at the scanner (longest symbol first), or returns null. */
    static Operator read(Scanner s) {
        if (s.tryConsume("!=")) {
            return NE;
        }
        if (s.tryConsume("<=")) {
            return LE;
        }
        if (s.tryConsume(">=")) {
            return GE;
        }
        if (s.tryConsume("=")) {
            return EQ;
        }
        if (s.tryConsume("<")) {
            return LT;
        }
        if (s.tryConsume(">")) {
            return GT;
        }
        return null;
    }

    /** Applies a numeric comparison given {@code Comparable.compareTo}'s sign. */
    boolean holds(int cmp) {
        return switch (this) {
            case EQ -> cmp == 0;
            case NE -> cmp != 0;
            case LT -> cmp < 0;
            case LE -> cmp <= 0;
            case GT -> cmp > 0;
            case GE -> cmp >= 0;
        };
    }
}
