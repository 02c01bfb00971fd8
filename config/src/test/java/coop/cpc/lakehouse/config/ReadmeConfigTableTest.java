package coop.cpc.lakehouse.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The README's configuration table ("| key | type | default | meaning |") says what {@link LakehouseKey} and
 * {@link ValueType} do: every key once, no other key, each default as declared, and each integer range the one
 * the type accepts (both ends valid, one past either end refused).
 */
class ReadmeConfigTableTest {
    private static final Path README = Path.of(System.getProperty("basedir", "."))
            .toAbsolutePath()
            .getParent()
            .resolve("README.md");
    private static final Pattern ROW = Pattern.compile("^\\| `([a-z0-9_]+)` \\| ([^|]*) \\| ([^|]*) \\|.*$");
    private static final Pattern RANGE =
            Pattern.compile("(\\d[\\d,]*)(?: (KiB|MiB))?\\s*[–-]\\s*(\\d[\\d,]*)(?: (KiB|MiB))?");

    record Row(String type, String defaultValue) {}

    static Map<String, Row> table(List<String> lines) {
        Map<String, Row> rows = new LinkedHashMap<>();
        for (String line : lines) {
            Matcher row = ROW.matcher(line);
            if (row.matches()) {
                Row previous = rows.put(
                        row.group(1), new Row(row.group(2).trim(), row.group(3).trim()));
                assertThat(previous)
                        .as("README names key %s twice", row.group(1))
                        .isNull();
            }
        }
        return rows;
    }

    @Test
    void theTableListsEveryKeyOnceAndNoOther() throws IOException {
        Map<String, Row> rows = table(Files.readAllLines(README));

        assertThat(rows.keySet())
                .containsExactlyInAnyOrderElementsOf(Arrays.stream(LakehouseKey.values())
                        .map(LakehouseKey::key)
                        .toList());
    }

    @Test
    void eachDefaultIsTheDeclaredOne() throws IOException {
        assertThat(defaultProblems(table(Files.readAllLines(README)))).isEmpty();
    }

    @Test
    void eachIntegerRangeIsTheOneTheTypeAccepts() throws IOException {
        assertThat(rangeProblems(table(Files.readAllLines(README)))).isEmpty();
    }

    @Test
    void aWrongRangeOrDefaultIsFound() {
        Map<String, Row> rows = table(List.of(
                "| `graphql_max_page_size` | 1–1,000 | `400` | x |",
                "| `row_group_cache_bytes` | bytes, 1 KiB–256 MiB | `67108864` | x |",
                "| `audit_pseudonym_key` | secret | `abc` | x |"));

        assertThat(rangeProblems(rows))
                .containsExactly("graphql_max_page_size: README says 1–1000, the code accepts "
                        + ValueType.PAGE_SIZE.description());
        assertThat(defaultProblems(rows))
                .containsExactly(
                        "graphql_max_page_size: README says `400`, the code 500",
                        "audit_pseudonym_key: README says `abc`, the code unset");
    }

    static List<String> defaultProblems(Map<String, Row> rows) {
        List<String> wrong = new ArrayList<>();
        for (LakehouseKey key : LakehouseKey.values()) {
            Row row = rows.get(key.key());
            if (row == null) {
                continue;
            }
            String declared = key.defaultValue().orElse("");
            boolean agrees = declared.isEmpty()
                    ? row.defaultValue().startsWith("unset")
                            || row.defaultValue().startsWith("empty")
                    : row.defaultValue().startsWith("`" + declared + "`");
            if (!agrees) {
                wrong.add(key.key() + ": README says " + row.defaultValue() + ", the code "
                        + (declared.isEmpty() ? "unset" : declared));
            }
        }
        return wrong;
    }

    static List<String> rangeProblems(Map<String, Row> rows) {
        List<String> wrong = new ArrayList<>();
        for (LakehouseKey key : LakehouseKey.values()) {
            Row row = rows.get(key.key());
            ValueType type = key.type();
            if (row == null || !isBoundedInteger(type)) {
                continue;
            }
            Matcher range = RANGE.matcher(row.type());
            if (!range.find()) {
                wrong.add(key.key() + ": README gives no range in '" + row.type() + "'");
                continue;
            }
            long low = value(range.group(1), range.group(2));
            long high = value(range.group(3), range.group(4));
            if (type.problemWith(Long.toString(low)) != null
                    || type.problemWith(Long.toString(low - 1)) == null
                    || type.problemWith(Long.toString(high)) != null
                    || type.problemWith(Long.toString(high + 1)) == null) {
                wrong.add(key.key() + ": README says " + low + "–" + high + ", the code accepts " + type.description());
            }
        }
        return wrong;
    }

    /** An integer type with bounds (a port's range goes without saying). */
    private static boolean isBoundedInteger(ValueType type) {
        return type != ValueType.PORT && "must be an integer".equals(type.problemWith("x"));
    }

    private static long value(String digits, String unit) {
        long value = Long.parseLong(digits.replace(",", ""));
        if ("KiB".equals(unit)) {
            return value * 1024;
        }
        return "MiB".equals(unit) ? value * 1024 * 1024 : value;
    }
}
