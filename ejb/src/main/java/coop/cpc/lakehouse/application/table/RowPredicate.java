package coop.cpc.lakehouse.application.table;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * One condition of a rows query; the conditions of a query are combined with AND.
 *
 * @param values the operand(s) as the format's text (one for comparisons, several for IN, none for IS_NULL)
 */
public record RowPredicate(String column, Operator operator, List<String> values) {

    public enum Operator {
        EQ,
        NE,
        LT,
        LE,
        GT,
        GE,
        IN,
        IS_NULL
    }

    public RowPredicate {
        // Not List.copyOf: a null operand must reach the check that names it, not fail here.
        values = values == null ? List.of() : Collections.unmodifiableList(new ArrayList<>(values));
    }
}
