package coop.cpc.lakehouse.bench;

import coop.cpc.lakehouse.columnar.Column;
import coop.cpc.lakehouse.columnar.Schema;
import coop.cpc.lakehouse.columnar.Values;
import coop.cpc.lakehouse.columnar.WebmColumnar;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The segment-reading part of the server's rows query ({@code ejb/.../application/table/TableReader}),
 * copied so the benchmark needs no EJB module: per segment, project the output columns plus those
 * the conditions need, let the reader skip row groups whose min/max statistics exclude a
 * condition, then test every decoded row. Unlike the server it returns every matching row (no
 * page limit), which is what paging through the whole result costs.
 */
final class RowsQuery {

    enum Operator { EQ, GE, LE }

    record Condition(Column column, Operator operator, Object operand) {

        void prune(WebmColumnar.ReadBuilder read) {
            switch (operator) {
                case EQ -> read.filter(column.name(), operand, operand);
                case LE -> read.filter(column.name(), null, operand);
                case GE -> read.filter(column.name(), operand, null);
            }
        }

        boolean test(Object value) {
            if (value == null) {
                return false;
            }
            int c = Values.compare(column.type(), value, operand);
            return switch (operator) {
                case EQ -> c == 0;
                case GE -> c >= 0;
                case LE -> c <= 0;
            };
        }
    }

    private RowsQuery() {
    }

    static List<Object[]> rows(List<Path> segments, List<String> output, List<Condition> conditions) throws IOException {
        List<Object[]> rows = new ArrayList<>();
        for (Path segment : segments) {
            rows.addAll(read(segment, output, conditions));
        }
        return rows;
    }

    private static List<Object[]> read(Path segment, List<String> output, List<Condition> conditions) throws IOException {
        try (WebmColumnar.ReadBuilder read = WebmColumnar.read(segment)) {
            Schema stored = read.metadata().schema();
            List<String> needed = new ArrayList<>();
            for (String column : output) {
                addIfStored(needed, stored, column);
            }
            for (Condition condition : conditions) {
                addIfStored(needed, stored, condition.column().name());
                if (needed.contains(condition.column().name())) {
                    condition.prune(read);
                }
            }
            List<Object[]> matching = new ArrayList<>();
            if (needed.isEmpty()) {
                return matching;
            }
            read.project(needed.toArray(String[]::new));
            for (Object[] values : read.rows()) {
                if (conditions.stream().allMatch(c -> c.test(value(needed, values, c.column().name())))) {
                    Object[] row = new Object[output.size()];
                    for (int c = 0; c < row.length; c++) {
                        row[c] = value(needed, values, output.get(c));
                    }
                    matching.add(row);
                }
            }
            return matching;
        }
    }

    private static void addIfStored(List<String> needed, Schema stored, String name) {
        boolean present = stored.columns().stream().anyMatch(c -> c.name().equals(name));
        if (present && !needed.contains(name)) {
            needed.add(name);
        }
    }

    private static Object value(List<String> needed, Object[] values, String name) {
        int index = needed.indexOf(name);
        return index < 0 ? null : values[index];
    }
}
