package coop.cpc.lakehouse.ingest.record;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;
import coop.cpc.lakehouse.columnar.Column;
import coop.cpc.lakehouse.columnar.ColumnType;
import coop.cpc.lakehouse.columnar.InvalidValueTextException;
import coop.cpc.lakehouse.columnar.OutsideStoredYearsException;
import coop.cpc.lakehouse.columnar.Schema;
import coop.cpc.lakehouse.columnar.SchemaException;
import coop.cpc.lakehouse.columnar.Values;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Supplier;

/**
 * Turns one source record into a row of a schema: the values in column order, in the Java types
 * of {@link Values}.
 *
 * <p>JSON objects are flattened: a nested field's column name joins the path with {@code _}
 * ({@code {"vitals":{"hr":71}}} feeds column {@code vitals_hr}). An array, or an object whose
 * path names a column, becomes JSON text in a string column and a rejection in any other.
 * CSV fields are found by header name and parsed from their text form.
 *
 * <p>Numbers stay exact: a fraction or an out-of-range value is rejected for an integer column,
 * never truncated, and decimals come from the JSON digits (read with {@link ExactJson}).
 * Timestamps are ISO-8601 strings ({@code 2024-03-01T10:15:30Z}, an offset is allowed) or
 * integers counting milliseconds since the epoch, as JSON numbers or as digit strings.
 *
 * <p>A missing field is null when the column is nullable and a rejection otherwise; fields no
 * column names are ignored and listed as unmapped in {@link #mappingReport()}.
 *
 * <p>Not thread-safe: it accumulates the mapping it observed. Use one per reader.
 */
public final class RecordConverter {

    /** How many unmapped input fields the mapping report lists at most. */
    public static final int MAX_UNMAPPED_REPORTED = 1000;

    /** Offending values are shown in reasons up to this many characters. */
    static final int MAX_SHOWN_CHARS = 60;
    /** Longest text a decimal value may be written in (precision is at most 38 digits). */
    static final int MAX_NUMBER_CHARS = 200;

    private static final BigInteger INT_MIN = BigInteger.valueOf(Integer.MIN_VALUE);
    private static final BigInteger INT_MAX = BigInteger.valueOf(Integer.MAX_VALUE);
    private static final BigInteger LONG_MIN = BigInteger.valueOf(Long.MIN_VALUE);
    private static final BigInteger LONG_MAX = BigInteger.valueOf(Long.MAX_VALUE);

    private final Schema schema;
    private final Map<String, Integer> ordinals = new HashMap<>();
    private final Set<ColumnMapping> observed = new LinkedHashSet<>();
    private final TreeSet<String> unmapped = new TreeSet<>();
    private boolean unmappedTruncated;

    public RecordConverter(Schema schema) {
        this.schema = schema;
        for (int i = 0; i < schema.size(); i++) {
            ordinals.put(schema.column(i).name(), i);
        }
    }

    public Schema schema() {
        return schema;
    }

    /** Converts one JSON object; anything else is rejected. */
    public Object[] fromJson(JsonNode record) throws RecordRejectedException {
        if (record == null || !record.isObject()) {
            throw new RecordRejectedException("record is not a JSON object: " + show(record));
        }
        Map<String, JsonField> fields = new LinkedHashMap<>();
        flatten(record, "", "", fields);
        Object[] row = new Object[schema.size()];
        for (int i = 0; i < row.length; i++) {
            Column column = schema.column(i);
            JsonField field = fields.get(column.name());
            row[i] = field == null ? missing(column) : fromJsonValue(column, field.value());
        }
        for (Map.Entry<String, JsonField> e : fields.entrySet()) {
            JsonField f = e.getValue();
            boolean derived = f.nested() || f.value().isContainerNode();
            observed.add(new ColumnMapping(
                    e.getKey(),
                    f.pointer(),
                    derived ? ColumnMapping.Derivation.DERIVED : ColumnMapping.Derivation.IDENTITY));
        }
        return row;
    }

    /**
     * Binds a CSV header: every non-nullable column must be in it and at least one column must be.
     * Header fields no column names are reported as unmapped.
     */
    public CsvHeaderLayout bindHeader(List<String> header) throws HeaderMismatchException {
        Map<String, Integer> position = new HashMap<>();
        for (int i = 0; i < header.size(); i++) {
            position.putIfAbsent(header.get(i), i);
        }
        int[] fieldOfColumn = new int[schema.size()];
        List<String> missingRequired = new ArrayList<>();
        int found = 0;
        for (int i = 0; i < schema.size(); i++) {
            Column column = schema.column(i);
            Integer at = position.get(column.name());
            fieldOfColumn[i] = at == null ? -1 : at;
            if (at != null) {
                found++;
            } else if (!column.nullable()) {
                missingRequired.add(column.name());
            }
        }
        if (!missingRequired.isEmpty()) {
            throw new HeaderMismatchException("header lacks required column(s) " + missingRequired + "; header is "
                    + abbreviate(header.toString(), 200));
        }
        if (found == 0) {
            throw new HeaderMismatchException(
                    "header names none of the schema's columns; header is " + abbreviate(header.toString(), 200));
        }
        for (int i = 0; i < schema.size(); i++) {
            if (fieldOfColumn[i] >= 0) {
                String name = schema.column(i).name();
                observed.add(new ColumnMapping(name, name, ColumnMapping.Derivation.IDENTITY));
            }
        }
        for (String name : header) {
            if (!ordinals.containsKey(name)) {
                noteUnmapped(name);
            }
        }
        return new CsvHeaderLayout(header, fieldOfColumn);
    }

    /**
     * Converts one CSV record; a null field (an empty unquoted field) is a missing value.
     * A record with a different number of fields than its header is rejected.
     */
    public Object[] fromText(CsvHeaderLayout layout, List<String> fields) throws RecordRejectedException {
        if (fields.size() != layout.header().size()) {
            throw new RecordRejectedException("record has " + fields.size() + " fields, the header has "
                    + layout.header().size());
        }
        Object[] row = new Object[schema.size()];
        for (int i = 0; i < row.length; i++) {
            Column column = schema.column(i);
            int at = layout.fieldOf(i);
            String text = at < 0 ? null : fields.get(at);
            row[i] = text == null ? missing(column) : fromText(column, text);
        }
        return row;
    }

    /** The mapping observed so far: one entry per column and source field, in schema order. */
    public MappingReport mappingReport() {
        List<ColumnMapping> mappings = new ArrayList<>(observed);
        mappings.sort(Comparator.comparingInt((ColumnMapping m) -> ordinals.get(m.column()))
                .thenComparing(ColumnMapping::sourceField));
        return new MappingReport(mappings, unmapped, unmappedTruncated);
    }

    private record JsonField(String pointer, JsonNode value, boolean nested) {}

    private void flatten(JsonNode object, String prefix, String pointer, Map<String, JsonField> out)
            throws RecordRejectedException {
        for (Map.Entry<String, JsonNode> e : object.properties()) {
            String name = prefix.isEmpty() ? e.getKey() : prefix + "_" + e.getKey();
            String path = pointer + "/" + e.getKey().replace("~", "~0").replace("/", "~1");
            JsonNode value = e.getValue();
            boolean isColumn = ordinals.containsKey(name);
            if (isColumn) {
                JsonField previous = out.put(name, new JsonField(path, value, !prefix.isEmpty()));
                if (previous != null) {
                    throw new RecordRejectedException(
                            "fields " + previous.pointer() + " and " + path + " both map to column '" + name + "'");
                }
            }
            if (value.isObject() && !value.isEmpty()) {
                flatten(value, name, path, out);
            } else if (!isColumn) {
                noteUnmapped(path);
            }
        }
    }

    private void noteUnmapped(String field) {
        if (unmapped.size() < MAX_UNMAPPED_REPORTED || unmapped.contains(field)) {
            unmapped.add(field);
        } else {
            unmappedTruncated = true;
        }
    }

    private static Object missing(Column column) throws RecordRejectedException {
        if (!column.nullable()) {
            throw new RecordRejectedException(
                    "column '" + column.name() + "' (" + column.type() + ", not nullable) is missing");
        }
        return null;
    }

    private Object fromJsonValue(Column column, JsonNode v) throws RecordRejectedException {
        if (v.isNull()) {
            if (!column.nullable()) {
                throw new RecordRejectedException(
                        "column '" + column.name() + "' (" + column.type() + ") is not nullable, got null");
            }
            return null;
        }
        ColumnType type = column.type();
        Object raw;
        if (v.isTextual() && type.kind() != ColumnType.Kind.STRING) {
            return fromText(column, v.textValue());
        }
        switch (type.kind()) {
            case BOOL -> raw = v.isBoolean() ? v.booleanValue() : wrongType(column, v, null);
            case INT32 -> raw = exactInteger(column, v, INT_MIN, INT_MAX).intValue();
            case INT64 -> raw = exactInteger(column, v, LONG_MIN, LONG_MAX).longValue();
            case FLOAT32 ->
                raw = (float) exactFloat(column, v, v.isNumber() ? v.floatValue() : wrongType(column, v, null));
            case FLOAT64 -> raw = exactFloat(column, v, v.isNumber() ? v.doubleValue() : wrongType(column, v, null));
            case DECIMAL ->
                raw = fitting(column, v.isNumber() ? v.decimalValue() : wrongType(column, v, null), () -> show(v));
            case TIMESTAMP_MS, TIMESTAMP_US ->
                raw = epochMillis(
                        column, exactInteger(column, v, LONG_MIN, LONG_MAX).longValue(), () -> show(v));
            case STRING -> raw = v.isTextual() ? v.textValue() : v.toString();
            default -> raw = wrongType(column, v, null);
        }
        return normalize(column, raw, () -> show(v));
    }

    private Object fromText(Column column, String text) throws RecordRejectedException {
        ColumnType type = column.type();
        Object raw;
        try {
            boolean timestamp =
                    type.kind() == ColumnType.Kind.TIMESTAMP_MS || type.kind() == ColumnType.Kind.TIMESTAMP_US;
            Instant common = timestamp ? commonTimestamp(type, text) : null;
            if (common != null) {
                raw = common;
            } else if (timestamp && isEpochMillis(text)) {
                raw = epochMillis(column, Long.parseLong(text), () -> quoted(text));
            } else if (type.kind() == ColumnType.Kind.DECIMAL) {
                BigDecimal plain = PlainNumbers.decimal(type, text);
                if (plain != null) {
                    return plain; // at the column's scale already, as normalizing would make it
                }
                if (text.length() > MAX_NUMBER_CHARS) {
                    // Parsing and rescaling a number of a million digits takes minutes: no decimal column needs that.
                    throw new RecordRejectedException(
                            expected(column, quoted(text), "longer than " + MAX_NUMBER_CHARS + " characters"));
                }
                raw = fitting(column, new BigDecimal(text), () -> quoted(text));
            } else {
                Object plain = plainNumber(type, text);
                raw = plain != null ? plain : Values.parse(type, text);
            }
        } catch (InvalidValueTextException e) {
            throw new RecordRejectedException(
                    expected(column, quoted(text), e.reason().orElse(null)));
        } catch (OutsideStoredYearsException e) {
            throw new RecordRejectedException(expected(column, quoted(text), e.getMessage()));
        } catch (IllegalArgumentException e) {
            // Not a number at all (BigDecimal, Long.parseLong): the text says it.
            throw new RecordRejectedException(expected(column, quoted(text), null));
        }
        return normalize(column, raw, () -> quoted(text));
    }

    /**
     * Milliseconds since the epoch; a number outside the years 1 to 9999 is refused naming the unit it more likely
     * is ({@code 1700000000000000} as milliseconds is year 55840; as microseconds it is 2023).
     */
    private static Instant epochMillis(Column column, long millis, Supplier<String> shown)
            throws RecordRejectedException {
        Instant at = Instant.ofEpochMilli(millis);
        if (Values.inStoredYears(at)) {
            return at;
        }
        int year = at.atZone(ZoneOffset.UTC).getYear();
        // Only a number far out (five-digit years) is likely another unit; year 0 is an off-by-one, not micros.
        boolean farOut = Math.abs(year) >= 10_000;
        String likely = !farOut
                ? ""
                : Values.inStoredYears(Instant.ofEpochMilli(millis / 1_000))
                        ? ": microseconds?"
                        : Values.inStoredYears(Instant.ofEpochMilli(millis / 1_000_000)) ? ": nanoseconds?" : "";
        throw new RecordRejectedException(expected(
                column,
                shown.get(),
                millis + " ms since the epoch is year " + year + ", outside the years 1 to 9999 an asset stores"
                        + likely));
    }

    /** An integer or float in its common shape, read without the general parser's regular expression; else null. */
    private static Object plainNumber(ColumnType type, String text) {
        return switch (type.kind()) {
            case INT32, INT64 -> PlainNumbers.integer(type.kind(), text);
            case FLOAT32, FLOAT64 -> PlainNumbers.floating(type.kind(), text);
            default -> null;
        };
    }

    /**
     * {@code 2024-03-01T10:15:30[.123456]Z} read without a formatter, when its fraction fits the column
     * (else null: {@link Values#parse} reads or refuses it, with its own reasons).
     */
    private static Instant commonTimestamp(ColumnType type, String text) {
        int digits = type.kind() == ColumnType.Kind.TIMESTAMP_MS ? 3 : 6;
        return TimestampText.utc(text, 'T', "Z", digits);
    }

    /** Epoch milliseconds as text: an optional minus, then 1 to 19 ASCII digits (checked without a regex per value). */
    static boolean isEpochMillis(String text) {
        int start = text.startsWith("-") ? 1 : 0;
        int digits = text.length() - start;
        if (digits < 1 || digits > 19) {
            return false;
        }
        for (int i = start; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return true;
    }

    /** {@code shown} is called only for a rejection: quoting every accepted value cost more than parsing it. */
    private static Object normalize(Column column, Object raw, Supplier<String> shown) throws RecordRejectedException {
        try {
            return Values.normalize(column, raw);
        } catch (SchemaException e) {
            String message = e.getMessage();
            int detail = message.indexOf("): ");
            throw new RecordRejectedException(
                    expected(column, shown.get(), detail < 0 ? null : message.substring(detail + 3)));
        }
    }

    /**
     * Rejects a decimal with more integer or fractional digits than its column holds before
     * {@link Values#normalize} rescales it: rescaling {@code 1e999999999} would take a billion digits.
     */
    private static BigDecimal fitting(Column column, BigDecimal d, Supplier<String> shown)
            throws RecordRejectedException {
        if (d.signum() == 0) {
            return d;
        }
        BigDecimal stripped = d.stripTrailingZeros();
        ColumnType type = column.type();
        if (stripped.scale() > type.scale()) {
            throw new RecordRejectedException(
                    expected(column, shown.get(), "more than " + type.scale() + " fractional digits"));
        }
        if ((long) stripped.precision() - stripped.scale() > type.precision() - type.scale()) {
            throw new RecordRejectedException(expected(
                    column, shown.get(), "more than " + (type.precision() - type.scale()) + " integer digits"));
        }
        return d;
    }

    private static BigInteger exactInteger(Column column, JsonNode v, BigInteger min, BigInteger max)
            throws RecordRejectedException {
        if (!v.isNumber()) {
            return wrongType(column, v, null);
        }
        BigInteger value;
        if (v.isIntegralNumber()) {
            value = v.bigIntegerValue();
        } else {
            BigDecimal d = v.decimalValue();
            if (d.signum() != 0 && d.stripTrailingZeros().scale() > 0) {
                return wrongType(column, v, "has a fraction");
            }
            if ((long) d.precision() - d.scale() > 20) { // long: 1e2147483647 has scale -2147483647, int overflows
                return wrongType(column, v, "out of range");
            }
            value = d.toBigIntegerExact();
        }
        if (value.compareTo(min) < 0 || value.compareTo(max) > 0) {
            return wrongType(column, v, "out of range");
        }
        return value;
    }

    /**
     * A JSON number's value in a float column, refused as CSV text is when it overflows to infinity or a non-zero
     * number underflows to 0; a zero keeps its sign ({@code -0.0}, {@code -0}: the node's text, see {@link
     * NumberTextNode}).
     */
    private static double exactFloat(Column column, JsonNode v, double value) throws RecordRejectedException {
        if (Double.isInfinite(value)) {
            return wrongType(column, v, "out of range");
        }
        if (value == 0 && v.decimalValue().signum() != 0) {
            return wrongType(column, v, "too small for " + column.type() + ": it would become 0");
        }
        return value == 0 && v.asText().startsWith("-") ? -0.0 : value;
    }

    private static <T> T wrongType(Column column, JsonNode v, String detail) throws RecordRejectedException {
        throw new RecordRejectedException(expected(column, show(v), detail));
    }

    private static String expected(Column column, String shown, String detail) {
        return "column '" + column.name() + "' expects " + column.type() + ", got " + shown
                + (detail == null ? "" : " (" + detail + ")");
    }

    private static String show(JsonNode v) {
        if (v == null) {
            return "nothing";
        }
        return v.isTextual() ? quoted(v.textValue()) : abbreviate(v.toString(), MAX_SHOWN_CHARS);
    }

    private static String quoted(String text) {
        return TextNode.valueOf(abbreviate(text, MAX_SHOWN_CHARS)).toString();
    }

    static String abbreviate(String text, int max) {
        return text.length() <= max ? text : text.substring(0, max - 3) + "...";
    }
}
