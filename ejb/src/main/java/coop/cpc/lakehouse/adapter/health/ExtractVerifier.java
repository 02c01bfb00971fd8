package coop.cpc.lakehouse.adapter.health;

import java.time.temporal.Temporal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * The check every research extract passes before it is published, written apart from the code that
 * built it: it looks only at the extract's rows and the source's identifying values. It fails on a
 * column named like a Safe Harbor identifier, a full date, binary content, text with an identifier
 * pattern or one of the source's identifying values (in any column, quasi-identifiers included, except the
 * generalized values it knows by the column's name), free text (a text column that is not the pseudonym
 * and not named like a column the rules know as something else) holding a value
 * fewer than k of the extract's subjects share, a pseudonym that is not random-shaped or is a source
 * key, an age over 89 or a ZIP3 of a sparse area, and any quasi-identifier class with fewer than k subjects. A
 * subject's class is the set of its rows' quasi-identifier tuples (the pseudonym links them), counted over every
 * quasi-identifying column the extract publishes, whatever the extract lists: the columns
 * named {@code age}, {@code zip3}, {@code sex}, {@code state}, the {@code _year} of a column the rules know as a date
 * ({@code timestamp_year}, {@code admission_date_year}, ...), and a column a source declares QUASI_IDENTIFIER (under
 * its name or as its {@code _year}). Messages name the column and the rule, never the value.
 */
public final class ExtractVerifier {
    private static final Pattern PSEUDONYM = Pattern.compile("s-[0-9a-f]{32}");
    private static final Pattern AGE = Pattern.compile("\\*|90\\+|([0-9]{1,2})|([0-9]{1,2})-([0-9]{1,2})");
    private static final Pattern ZIP3 = Pattern.compile("\\*|[0-9]{3}|[0-9]{2}\\*|[0-9]\\*\\*");
    private static final int MAX_FAILURES = 20;
    private static final Pattern YEAR = Pattern.compile("\\*|[0-9]{4}|[0-9]{4}-[0-9]{4}");
    private static final Pattern SEX = Pattern.compile("(?i)\\*|[fmoux]|female|male|other|unknown");
    private static final Pattern STATE = Pattern.compile("\\*|[A-Z]{2}");
    private static final Set<String> QUASI_BY_NAME = Set.of("age", "zip3", "sex", "state");

    private ExtractVerifier() {}

    /**
     * The identifying values of the sources as the check sees them, apart from the builder's rules:
     * every value of a column declared a direct identifier, or named like a Safe Harbor identifier
     * the extract must not hold, or the subject key.
     */
    public static IdentifierValues identifiersOf(List<SourceTable> sources) {
        IdentifierValues values = new IdentifierValues();
        for (SourceTable source : sources) {
            for (int c = 0; c < source.columns().size(); c++) {
                SourceTable.SourceColumn column = source.columns().get(c);
                Optional<IdentifierKind> named = ColumnKinds.byName(column.name());
                boolean identifying = column.pii() == ColumnKinds.Pii.DIRECT_IDENTIFIER
                        || named.isPresent()
                                && (named.get() == IdentifierKind.SUBJECT
                                        || named.get().treatment() == Treatment.REMOVE
                                                && named.get().safeHarborLetter() != null);
                if (identifying) {
                    for (Object[] row : source.rows()) {
                        values.add(row[c]);
                    }
                }
            }
        }
        return values;
    }

    /** The names of the source columns declared QUASI_IDENTIFIER. */
    public static Set<String> declaredQuasiIdentifiersOf(List<SourceTable> sources) {
        Set<String> names = new HashSet<>();
        for (SourceTable source : sources) {
            for (SourceTable.SourceColumn column : source.columns()) {
                if (column.pii() == ColumnKinds.Pii.QUASI_IDENTIFIER) {
                    names.add(column.name());
                }
            }
        }
        return names;
    }

    /**
     * The reasons the extract must not be published; empty when it passes.
     *
     * @param declaredQuasiIdentifiers {@link #declaredQuasiIdentifiersOf} the sources
     */
    public static List<String> verify(
            ExtractTable extract, IdentifierValues sourceIdentifiers, Set<String> declaredQuasiIdentifiers, int k) {
        List<String> failures = new ArrayList<>();
        int subject = extract.index(extract.subjectColumn());
        if (subject < 0) {
            failures.add("no pseudonym column " + extract.subjectColumn());
            return failures;
        }
        Set<Integer> qi = new HashSet<>();
        for (String name : extract.quasiIdentifiers()) {
            int c = extract.index(name);
            if (c < 0) {
                failures.add("quasi-identifier " + name + " is not a column");
                return failures;
            }
            qi.add(c);
        }
        for (ExtractTable.Column column : extract.columns()) {
            Optional<IdentifierKind> kind = ColumnKinds.byName(column.name());
            if (kind.isPresent() && kind.get().treatment() == Treatment.REMOVE) {
                failures.add(
                        "column " + column.name() + " is named like a Safe Harbor identifier (" + kind.get() + ")");
            }
        }
        List<Integer> classColumns = quasiIdentifying(extract, subject, qi, declaredQuasiIdentifiers);
        Map<Object, Set<List<String>>> tuplesOfSubject = new HashMap<>();
        Map<Integer, Map<String, Set<Object>>> holders = new TreeMap<>();
        for (Object[] row : extract.rows()) {
            for (int c = 0; c < row.length && failures.size() < MAX_FAILURES; c++) {
                String why = check(extract.columns().get(c).name(), row[c], c == subject, sourceIdentifiers);
                if (why != null && !failures.contains(why)) {
                    failures.add(why);
                }
                if (row[c] instanceof String text && c != subject && freeText(extract, c)) {
                    holders.computeIfAbsent(c, x -> new HashMap<>())
                            .computeIfAbsent(text, x -> new HashSet<>())
                            .add(row[subject]);
                }
            }
            List<String> key = new ArrayList<>();
            for (int c : classColumns) {
                key.add(row[c] == null ? null : row[c].toString());
            }
            tuplesOfSubject.computeIfAbsent(row[subject], x -> new HashSet<>()).add(key);
        }
        holders.forEach((c, byValue) -> {
            if (byValue.values().stream().anyMatch(who -> who.size() < k)) {
                failures.add("column " + extract.columns().get(c).name() + " holds a value shared by fewer than " + k
                        + " subjects");
            }
        });
        Map<Set<List<String>>, Integer> classes = new HashMap<>();
        tuplesOfSubject.values().forEach(key -> classes.merge(key, 1, Integer::sum));
        long small = classes.values().stream().filter(size -> size < k).count();
        if (small > 0) {
            failures.add(small + " quasi-identifier class(es) of ("
                    + String.join(
                            ", ",
                            classColumns.stream()
                                    .map(c -> extract.columns().get(c).name())
                                    .toList())
                    + ") hold fewer than " + k + " subjects");
        }
        return failures;
    }

    /** The columns the classes are counted over, in the extract's order. */
    private static List<Integer> quasiIdentifying(
            ExtractTable extract, int subject, Set<Integer> listed, Set<String> declared) {
        List<Integer> columns = new ArrayList<>();
        for (int c = 0; c < extract.columns().size(); c++) {
            String name = extract.columns().get(c).name();
            String base = name.endsWith("_year") ? name.substring(0, name.length() - "_year".length()) : null;
            boolean declaredHere = declared.contains(name) || base != null && declared.contains(base);
            // The year of a column the rules know as a date, whatever its source declared.
            boolean dateYear = base != null
                    && ColumnKinds.byName(base)
                            .filter(kind -> kind == IdentifierKind.DATE)
                            .isPresent();
            if (c != subject && (listed.contains(c) || QUASI_BY_NAME.contains(name) || declaredHere || dateYear)) {
                columns.add(c);
            }
        }
        return columns;
    }

    /** Whether the column is free text: a name the rules do not know, or know as free text. */
    private static boolean freeText(ExtractTable extract, int column) {
        return ColumnKinds.byName(extract.columns().get(column).name())
                .map(kind -> kind == IdentifierKind.FREE_TEXT)
                .orElse(true);
    }

    /**
     * Why the value must not be published, or null. Every text value is checked for identifier patterns and the
     * source's identifying values except the generalized values this class knows by the column's name (an age or
     * ZIP3 of the right shape, a year or year range in a {@code _year} column, a sex or state code): never by the
     * builder's list of quasi-identifiers, which a shared bug could make wrong.
     */
    private static String check(String column, Object value, boolean subject, IdentifierValues identifiers) {
        if (value == null) {
            return null;
        }
        if (value instanceof Temporal) {
            return "column " + column + " holds a full date or time";
        }
        if (value instanceof byte[]) {
            return "column " + column + " holds binary content, which cannot be proved clean";
        }
        String text = value.toString();
        if (subject) {
            if (!PSEUDONYM.matcher(text).matches()) {
                return "column " + column + " holds a value that is not a random pseudonym";
            }
            return identifiers.foundIn(text).isPresent() ? "column " + column + " holds a source key" : null;
        }
        if ("age".equals(column)) {
            var m = AGE.matcher(text);
            if (!m.matches()
                    || m.group(1) != null && Integer.parseInt(m.group(1)) > 89
                    || m.group(3) != null && Integer.parseInt(m.group(3)) > 89) {
                return "column age holds an age over 89 or not an age";
            }
            return null;
        }
        if ("zip3".equals(column)) {
            if (!ZIP3.matcher(text).matches() || Zip3.RESTRICTED.contains(text)) {
                return "column zip3 holds more than three ZIP digits or a sparse area's prefix";
            }
            return null;
        }
        if (!(value instanceof String) || generalizedKnownByName(column, text)) {
            return null;
        }
        Optional<String> pattern = IdentifierPatterns.find(text);
        if (pattern.isPresent()) {
            return "column " + column + " holds a " + pattern.get();
        }
        if (identifiers.foundIn(text).isPresent()) {
            return "column " + column + " holds an identifying value of the source";
        }
        return null;
    }

    /** A year or year range in a {@code _year} column, a sex or a state code: what the builder generalizes them to. */
    private static boolean generalizedKnownByName(String column, String text) {
        if (column.endsWith("_year")) {
            return YEAR.matcher(text).matches();
        }
        return switch (column) {
            case "sex" -> SEX.matcher(text).matches();
            case "state" -> STATE.matcher(text).matches();
            default -> false;
        };
    }
}
