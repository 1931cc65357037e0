package io.trailhound.pattern;

/** The boolean expression inside a JSON filter pattern. Each node prints in canonical, fully bracketed form. */
sealed interface JsonExpr {

    record And(JsonExpr left, JsonExpr right) implements JsonExpr {
        @Override
        public String toString() {
            return "(" + left + " && " + right + ")";
        }
    }

    record Or(JsonExpr left, JsonExpr right) implements JsonExpr {
        @Override
        public String toString() {
            return "(" + left + " || " + right + ")";
        }
    }

    /** {@code selector op value}; only true when the selector names a string, number or boolean. */
    record Compare(Selector selector, Operator op, Value value) implements JsonExpr {
        @Override
        public String toString() {
            return selector + " " + op.symbol + " " + value;
        }
    }

    /** {@code IS NULL}, {@code NOT EXISTS}, {@code IS TRUE}, {@code IS FALSE}. */
    record Check(Selector selector, Kind kind) implements JsonExpr {
        enum Kind {
            IS_NULL("IS NULL"),
            NOT_EXISTS("NOT EXISTS"),
            IS_TRUE("IS TRUE"),
            IS_FALSE("IS FALSE");

            final String text;

            Kind(String text) {
                this.text = text;
            }
        }

        @Override
        public String toString() {
            return selector + " " + kind.text;
        }
    }
}
