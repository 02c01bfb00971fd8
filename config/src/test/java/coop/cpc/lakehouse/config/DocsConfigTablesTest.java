package coop.cpc.lakehouse.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The configuration tables of the README and of the guides in {@code docs/} (a table whose header starts
 * {@code | key |}) say what {@link LakehouseKey} and {@link ValueType} do: the README's lists every key once and no
 * other; in every table a key's {@code default} is the declared one, and its integer range (column {@code type},
 * {@code bounds} or {@code bound}) the one its type accepts (both ends valid, one past either end refused); and
 * every {@code lakehouse.json} example (a {@code json} block holding {@code "data_lakehouse"}) is read by the server's
 * file source and accepted.
 */
class DocsConfigTablesTest {
    private static final Path ROOT =
            Path.of(System.getProperty("basedir", ".")).toAbsolutePath().getParent();
    private static final Pattern RANGE =
            Pattern.compile("(\\d[\\d,]*)(?: (KiB|MiB))?\\s*[–-]\\s*(\\d[\\d,]*)(?: (KiB|MiB))?");

    /** One row of a key table: where it is, the key, its default cell and its range cell (null when none). */
    record Row(String where, String key, String defaultValue, String range) {}

    /** The rows of every key table of the text ({@code name} names the file in the rows' {@code where}). */
    static List<Row> rows(String name, List<String> lines) {
        List<Row> rows = new ArrayList<>();
        int defaultColumn = -1;
        int rangeColumn = -1;
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            if (!line.startsWith("|")) {
                defaultColumn = -1;
                continue;
            }
            List<String> cells = cells(line);
            if (cells.get(0).equals("key")) {
                defaultColumn = cells.indexOf("default");
                rangeColumn =
                        Math.max(cells.indexOf("type"), Math.max(cells.indexOf("bounds"), cells.indexOf("bound")));
            } else if (defaultColumn > 0 && cells.get(0).matches("`[a-z0-9_]+`")) {
                rows.add(new Row(
                        name + ":" + (i + 1),
                        cells.get(0).replace("`", ""),
                        cells.get(defaultColumn),
                        rangeColumn > 0 ? cells.get(rangeColumn) : null));
            }
        }
        return rows;
    }

    private static List<String> cells(String line) {
        String inner = line.substring(1, line.endsWith("|") ? line.length() - 1 : line.length());
        return Arrays.stream(inner.split("\\|", -1)).map(String::trim).toList();
    }

    private static List<Row> rowsOf(Path file) throws IOException {
        return rows(ROOT.relativize(file).toString(), Files.readAllLines(file));
    }

    private static List<Row> everyTable() throws IOException {
        List<Row> rows = new ArrayList<>();
        for (Path file : guides()) {
            rows.addAll(rowsOf(file));
        }
        return rows;
    }

    @Test
    void theReadmeListsEveryKeyOnceAndNoOther() throws IOException {
        List<String> keys =
                rowsOf(ROOT.resolve("README.md")).stream().map(Row::key).toList();

        assertThat(keys)
                .doesNotHaveDuplicates()
                .containsExactlyInAnyOrderElementsOf(Arrays.stream(LakehouseKey.values())
                        .map(LakehouseKey::key)
                        .toList());
    }

    @Test
    void everyTableGivesEachKeyItsDeclaredDefaultAndRange() throws IOException {
        List<Row> rows = everyTable();

        assertThat(rows).hasSizeGreaterThan(LakehouseKey.values().length);
        assertThat(problems(rows)).isEmpty();
    }

    @Test
    void aWrongRangeOrDefaultIsFound() {
        List<Row> rows = rows(
                "guide.md",
                List.of(
                        "| key | default | bounds | meaning |",
                        "|---|---|---|---|",
                        "| `graphql_max_page_size` | `400` | 1–1,000 | x |",
                        "| `row_group_cache_bytes` | `67108864` | 1 KiB–256 MiB | x |",
                        "| `audit_pseudonym_key` | `abc` | 32–1,024 bytes | x |",
                        "",
                        "| `graphql_max_scan_rows` | `1` | 1–2 | not a row of a key table |"));

        assertThat(problems(rows))
                .containsExactly(
                        "guide.md:3: graphql_max_page_size: the default is `400`, the code's 500",
                        "guide.md:3: graphql_max_page_size: the range is 1–1000, the code's "
                                + ValueType.PAGE_SIZE.description(),
                        "guide.md:5: audit_pseudonym_key: the default is `abc`, the code's unset");
    }

    @Test
    void everyLakehouseJsonExampleIsAConfigurationTheServerAccepts(@TempDir Path folder) throws IOException {
        List<String> examples = new ArrayList<>();
        for (Path file : guides()) {
            examples.addAll(jsonExamples(Files.readAllLines(file)));
        }
        assertThat(examples)
                .as("lakehouse.json examples in README.md and docs/")
                .hasSizeGreaterThanOrEqualTo(2);
        for (String example : examples) {
            Path json = Files.writeString(folder.resolve("lakehouse.json"), example);
            Map<String, String> values = JsonFileConfigSource.read(json);

            assertThat(values).as(example).isNotEmpty();
            LakehouseSettings.from(name -> Optional.ofNullable(values.get(name)));
        }
    }

    @Test
    void aJsonExampleWithAKeyTheCodeLacksIsRefused(@TempDir Path folder) throws IOException {
        List<String> examples = jsonExamples(List.of(
                "```json", "{ \"data_lakehouse\": { \"webm_path\": \"/x\" } }", "```", "```json", "{\"a\": 1}", "```"));
        Path json = Files.writeString(folder.resolve("lakehouse.json"), examples.get(0));

        assertThat(examples).hasSize(1);
        assertThatThrownBy(() -> JsonFileConfigSource.read(json)).hasMessageContaining("unknown key");
    }

    /** The {@code json} blocks that hold a {@code data_lakehouse} object. */
    static List<String> jsonExamples(List<String> lines) {
        List<String> examples = new ArrayList<>();
        StringBuilder block = null;
        for (String line : lines) {
            if (block == null && line.trim().equals("```json")) {
                block = new StringBuilder();
            } else if (block != null && line.trim().startsWith("```")) {
                if (block.toString().contains("\"" + LakehouseKey.SECTION + "\"")) {
                    examples.add(block.toString());
                }
                block = null;
            } else if (block != null) {
                block.append(line).append('\n');
            }
        }
        return examples;
    }

    private static List<Path> guides() throws IOException {
        List<Path> files = new ArrayList<>(List.of(ROOT.resolve("README.md")));
        try (Stream<Path> docs = Files.list(ROOT.resolve("docs"))) {
            docs.filter(f -> f.toString().endsWith(".md")).sorted().forEach(files::add);
        }
        return files;
    }

    static List<String> problems(List<Row> rows) {
        List<String> wrong = new ArrayList<>();
        for (Row row : rows) {
            LakehouseKey key = LakehouseKey.byKey(row.key()).orElse(null);
            if (key == null) {
                continue;
            }
            String declared = key.defaultValue().orElse("");
            boolean agrees = declared.isEmpty()
                    ? row.defaultValue().startsWith("unset")
                            || row.defaultValue().startsWith("empty")
                    : row.defaultValue().startsWith("`" + declared + "`");
            if (!agrees) {
                wrong.add(row.where() + ": " + key.key() + ": the default is " + row.defaultValue() + ", the code's "
                        + (declared.isEmpty() ? "unset" : declared));
            }
            String range = rangeProblem(key.type(), row.range());
            if (range != null) {
                wrong.add(row.where() + ": " + key.key() + ": " + range);
            }
        }
        return wrong;
    }

    private static String rangeProblem(ValueType type, String cell) {
        if (cell == null || !isBoundedInteger(type)) {
            return null;
        }
        Matcher range = RANGE.matcher(cell);
        if (!range.find()) {
            return "no range in '" + cell + "'";
        }
        long low = value(range.group(1), range.group(2));
        long high = value(range.group(3), range.group(4));
        boolean agrees = type.problemWith(Long.toString(low)) == null
                && type.problemWith(Long.toString(low - 1)) != null
                && type.problemWith(Long.toString(high)) == null
                && type.problemWith(Long.toString(high + 1)) != null;
        return agrees ? null : "the range is " + low + "–" + high + ", the code's " + type.description();
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
