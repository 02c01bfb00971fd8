package coop.cpc.lakehouse.adapter.health;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Builds a research extract from one or two sources: every column treated by its identifier kind's
 * Safe Harbor rule, subjects pseudonymized, k-anonymity on the quasi-identifiers, then free text
 * kept only when it proves clean on the rows kept. With two sources, the one with one row per subject (the
 * demographics) is joined to the other's rows by subject key.
 */
public final class ResearchExtractBuilder {
    public static final String SUBJECT = "subject";
    public static final List<String> DEFAULT_QUASI_IDENTIFIERS = List.of("age", "zip3", "sex", "state");

    private final LocalDate today;
    private final Pseudonyms pseudonyms;

    /**
     * @param today the day ages are computed on
     */
    public ResearchExtractBuilder(LocalDate today, Pseudonyms pseudonyms) {
        this.today = today;
        this.pseudonyms = pseudonyms;
    }

    /**
     * @param alwaysQuasi whether the column is always a quasi-identifier: the source declares it QUASI_IDENTIFIER, or
     *     it is a date's year (a subject alone in an admission year is singled out by it, whatever the source declared)
     */
    private record Planned(
            String name, String type, Treatment treatment, int source, int column, String input, boolean alwaysQuasi) {}

    /**
     * @param quasiIdentifiers extract columns to make k-anonymous besides {@link #DEFAULT_QUASI_IDENTIFIERS} and the
     *     kept columns the sources declare QUASI_IDENTIFIER (those present, always included); null or empty for
     *     those alone
     * @throws IllegalArgumentException naming what is wrong with the sources or the request
     */
    public ResearchExtract build(List<SourceTable> sources, List<String> quasiIdentifiers, int k) {
        if (sources.isEmpty() || sources.size() > 2) {
            throw new IllegalArgumentException("a research extract takes one or two sources, not " + sources.size());
        }
        int[] subjectColumn = new int[sources.size()];
        for (int s = 0; s < sources.size(); s++) {
            subjectColumn[s] = subjectColumn(sources.get(s));
        }
        int fact = 0;
        Map<String, Object[]> dimension = null;
        if (sources.size() == 2) {
            Optional<Map<String, Object[]>> second = unique(sources.get(1), subjectColumn[1]);
            Optional<Map<String, Object[]>> first = unique(sources.get(0), subjectColumn[0]);
            if (second.isPresent()) {
                dimension = second.get();
            } else if (first.isPresent()) {
                fact = 1;
                dimension = first.get();
            } else {
                throw new IllegalArgumentException(
                        "of two sources, one must have one row per subject (the demographics); " + "neither "
                                + sources.get(0).name() + " nor "
                                + sources.get(1).name() + " has");
            }
        }
        List<ColumnMapping> mappings = new ArrayList<>();
        List<Planned> planned = plan(sources, fact, mappings, quasiIdentifiers == null ? List.of() : quasiIdentifiers);
        IdentifierValues identifiers = identifiers(sources);

        SourceTable factTable = sources.get(fact);
        List<String> subjects = new ArrayList<>();
        List<Object[]> values = new ArrayList<>();
        for (Object[] row : factTable.rows()) {
            Object key = row[subjectColumn[fact]];
            if (key == null) {
                continue;
            }
            String subject = key.toString();
            Object[] joined = dimension == null ? null : dimension.get(subject);
            Object[] out = new Object[planned.size()];
            for (int c = 0; c < planned.size(); c++) {
                Planned p = planned.get(c);
                Object[] from = p.source == fact ? row : joined;
                out[c] = p.treatment == Treatment.PSEUDONYM
                        ? pseudonyms.of(subject)
                        : transform(p.treatment, from == null ? null : from[p.column]);
            }
            subjects.add(subject);
            values.add(out);
        }
        List<String> qis = quasiIdentifiers(planned, quasiIdentifiers);
        int[] qiColumns = columnsOf(planned, qis);
        List<Hierarchy> hierarchies = new ArrayList<>();
        for (int column : qiColumns) {
            hierarchies.add(hierarchy(planned.get(column)));
        }
        List<String[]> base = new ArrayList<>();
        for (Object[] row : values) {
            String[] qi = new String[qis.size()];
            for (int q = 0; q < qi.length; q++) {
                Object v = row[qiColumns[q]];
                qi[q] = v == null ? null : v.toString();
            }
            base.add(qi);
        }
        List<String> labels = new ArrayList<>();
        for (int column : qiColumns) {
            Planned p = planned.get(column);
            labels.add(p.treatment == Treatment.YEAR ? p.name + " (a date's year, always counted)" : p.name);
        }
        KAnonymizer.Result result = new KAnonymizer(labels, hierarchies, k).anonymize(base, subjects);
        List<Object[]> kept = new ArrayList<>();
        List<String> keptSubjects = new ArrayList<>();
        Map<String, String> used = new LinkedHashMap<>();
        for (int r = 0; r < values.size(); r++) {
            String[] generalized = result.generalized().get(r);
            if (generalized == null) {
                continue;
            }
            Object[] row = values.get(r);
            for (int q = 0; q < qiColumns.length; q++) {
                row[qiColumns[q]] = generalized[q];
            }
            kept.add(row);
            keptSubjects.add(subjects.get(r));
            used.put(subjects.get(r), pseudonyms.of(subjects.get(r)));
        }
        // Free text is judged on the rows published: a value shared only with suppressed subjects is not shared.
        List<Planned> plan = scrub(planned, kept, keptSubjects, identifiers, k, mappings);
        List<ExtractTable.Column> columns = new ArrayList<>();
        for (Planned p : plan) {
            columns.add(new ExtractTable.Column(p.name, qis.contains(p.name) ? "string" : p.type));
        }
        return new ResearchExtract(
                new ExtractTable(columns, kept, SUBJECT, qis), used, result.report(), mappings, identifiers);
    }

    /**
     * Checks the requested quasi-identifiers against the sources' columns alone, before any row is read: the extract
     * has the same columns whichever source turns out to be the fact table, so {@link #build} would refuse the same
     * names with the same messages after the load.
     *
     * @param schemas the sources' names and columns (their rows are not looked at)
     * @throws IllegalArgumentException naming {@code quasiIdentifiers} and the name that is not a column of the
     *     extract, named twice, or free text (or what {@link #build} finds wrong with the sources' columns)
     */
    public static void requireQuasiIdentifiers(List<SourceTable> schemas, List<String> quasiIdentifiers) {
        if (schemas.isEmpty() || schemas.size() > 2) {
            throw new IllegalArgumentException("a research extract takes one or two sources, not " + schemas.size());
        }
        for (SourceTable source : schemas) {
            subjectColumn(source);
        }
        List<String> asked = quasiIdentifiers == null ? List.of() : quasiIdentifiers;
        List<Planned> planned = plan(schemas, 0, new ArrayList<>(), asked);
        columnsOf(planned, quasiIdentifiers(planned, asked));
    }

    /** The plan's column of each quasi-identifier, in order. */
    private static int[] columnsOf(List<Planned> planned, List<String> qis) {
        int[] columns = new int[qis.size()];
        for (int q = 0; q < qis.size(); q++) {
            columns[q] = find(planned, qis.get(q));
            if (columns[q] < 0) {
                throw new IllegalArgumentException(
                        "quasiIdentifiers: " + qis.get(q) + " is not a column of the extract; the extract has "
                                + planned.stream().map(Planned::name).toList());
            }
        }
        return columns;
    }

    /**
     * The defaults present ({@link #DEFAULT_QUASI_IDENTIFIERS}), then the kept columns declared QUASI_IDENTIFIER and
     * the years of dates, then the requested ones not among them: a request adds quasi-identifiers, it never leaves a
     * present default, a declared one or a date's year ungeneralized.
     */
    private static List<String> quasiIdentifiers(List<Planned> plan, List<String> requested) {
        List<String> qis = new ArrayList<>(DEFAULT_QUASI_IDENTIFIERS.stream()
                .filter(q -> find(plan, q) >= 0)
                .toList());
        for (Planned p : plan) {
            if (p.alwaysQuasi && !qis.contains(p.name)) {
                qis.add(p.name);
            }
        }
        List<String> asked = requested == null ? List.of() : requested;
        for (int q = 0; q < asked.size(); q++) {
            String name = asked.get(q);
            if (asked.indexOf(name) != q) {
                throw new IllegalArgumentException("quasiIdentifiers: " + name + " is named twice");
            }
            if (!qis.contains(name)) {
                qis.add(name);
            }
        }
        return qis;
    }

    private static int subjectColumn(SourceTable source) {
        int found = -1;
        for (int c = 0; c < source.columns().size(); c++) {
            if (source.columns().get(c).kind() == IdentifierKind.SUBJECT) {
                if (found >= 0) {
                    throw new IllegalArgumentException(source.name() + " has two subject columns ("
                            + source.columns().get(found).name() + ", "
                            + source.columns().get(c).name() + ")");
                }
                found = c;
            }
        }
        if (found < 0) {
            throw new IllegalArgumentException(
                    source.name() + " has no subject column (user_id, patient_id or subject_id)");
        }
        return found;
    }

    private static Optional<Map<String, Object[]>> unique(SourceTable source, int subjectColumn) {
        Map<String, Object[]> bySubject = new HashMap<>();
        for (Object[] row : source.rows()) {
            Object key = row[subjectColumn];
            if (key != null && bySubject.put(key.toString(), row) != null) {
                return Optional.empty();
            }
        }
        return Optional.of(bySubject);
    }

    /**
     * @param asked the quasi-identifiers the request names: a kept column among them, like one the source declares
     *     QUASI_IDENTIFIER, is kept as it is and generalized with the others ({@link Treatment#QUASI}); free text is
     *     never a quasi-identifier (it is scrubbed or dropped whatever its category) and naming it is refused
     */
    private static List<Planned> plan(
            List<SourceTable> sources, int fact, List<ColumnMapping> mappings, List<String> asked) {
        List<Planned> plan = new ArrayList<>();
        Set<String> names = new HashSet<>();
        List<Integer> order = fact == 0 ? List.of(0, 1) : List.of(1, 0);
        for (int s : order) {
            if (s >= sources.size()) {
                continue;
            }
            SourceTable source = sources.get(s);
            for (int c = 0; c < source.columns().size(); c++) {
                SourceTable.SourceColumn column = source.columns().get(c);
                IdentifierKind kind = column.kind();
                String input = source.name() + "." + column.name();
                Treatment treatment = kind.treatment();
                if (treatment == Treatment.PSEUDONYM && s != fact) {
                    mappings.add(new ColumnMapping(
                            null, List.of(input), "JOIN_KEY", "joins the sources; not in the extract"));
                    continue;
                }
                if (treatment == Treatment.REMOVE) {
                    mappings.add(new ColumnMapping(
                            null,
                            List.of(input),
                            "REMOVE",
                            switch (kind) {
                                case UNKNOWN -> "its PII category is one the rules do not know";
                                case BINARY -> "binary content (bytes) cannot be proved clean";
                                default -> "Safe Harbor identifier (" + kind + ", " + kind.safeHarborLetter() + ")";
                            }));
                    continue;
                }
                if (treatment == Treatment.SCRUB && asked.contains(column.name())) {
                    throw new IllegalArgumentException("quasiIdentifiers: " + column.name() + " is free text (" + input
                            + "), never a quasi-identifier: it is published only where it proves clean");
                }
                // The subject key is the pseudonym whatever its category: it links rows, the classes count it.
                // Free text stays free text whatever its category: scrubbed, or dropped.
                boolean declaredQuasi = column.pii() == ColumnKinds.Pii.QUASI_IDENTIFIER
                        && treatment != Treatment.PSEUDONYM
                        && treatment != Treatment.SCRUB;
                if (treatment == Treatment.KEEP && (declaredQuasi || asked.contains(column.name()))) {
                    treatment = Treatment.QUASI;
                }
                String name = switch (treatment) {
                    case PSEUDONYM -> SUBJECT;
                    case ZIP3 -> "zip3";
                    case AGE -> "age";
                    case YEAR -> column.name() + "_year";
                    default -> column.name();
                };
                String type = switch (treatment) {
                    case PSEUDONYM, ZIP3, AGE, QUASI, SCRUB -> "string";
                    case YEAR -> "int32";
                    default -> column.type();
                };
                TreatmentInputs.requireReadable(treatment, input, column.type());
                if (!names.add(name)) {
                    mappings.add(new ColumnMapping(
                            null, List.of(input), "REMOVE", "another source column already gives " + name));
                    continue;
                }
                // A date's year is a quasi-identifier whatever the source declared (post-review 4's known limit).
                plan.add(new Planned(name, type, treatment, s, c, input, declaredQuasi || treatment == Treatment.YEAR));
                mappings.add(new ColumnMapping(name, List.of(input), treatment.name(), reason(kind, treatment)));
            }
        }
        return plan;
    }

    private static String reason(IdentifierKind kind, Treatment treatment) {
        return switch (treatment) {
            case PSEUDONYM -> "random pseudonym per extract";
            case ZIP3 -> "first three ZIP digits, 000 for areas of 20,000 people or fewer";
            case AGE -> "age in years, over 89 as 90+";
            case YEAR -> "year only, a quasi-identifier generalized with the others for k-anonymity";
            case SCRUB -> "free text, kept because it proved clean";
            case QUASI -> "quasi-identifier (" + kind + "): kept, generalized with the others for k-anonymity";
            default -> "not an identifier (" + kind + ")";
        };
    }

    private static IdentifierValues identifiers(List<SourceTable> sources) {
        IdentifierValues identifiers = new IdentifierValues();
        for (SourceTable source : sources) {
            for (int c = 0; c < source.columns().size(); c++) {
                IdentifierKind kind = source.columns().get(c).kind();
                boolean identifying = kind == IdentifierKind.SUBJECT
                        || kind.treatment() == Treatment.REMOVE && kind.safeHarborLetter() != null;
                if (identifying) {
                    for (Object[] row : source.rows()) {
                        identifiers.add(row[c]);
                    }
                }
            }
        }
        return identifiers;
    }

    private Object transform(Treatment treatment, Object value) {
        if (value == null) {
            return null;
        }
        return switch (treatment) {
            case ZIP3 -> Zip3.of(TreatmentInputs.zip(value));
            case AGE -> age(value);
            case YEAR -> {
                LocalDate date = TreatmentInputs.date(value);
                yield date == null ? null : Integer.valueOf(date.getYear());
            }
            case QUASI, SCRUB -> value.toString();
            default -> value;
        };
    }

    /** The band of a birth date (a date, a timestamp's UTC date, a yyyy-mm-dd text) or of an age in years. */
    private String age(Object value) {
        LocalDate birth = TreatmentInputs.date(value);
        if (birth != null) {
            return birth.isAfter(today) ? null : AgeBand.of(AgeBand.age(birth, today));
        }
        Long years = TreatmentInputs.years(value);
        return years == null ? null : AgeBand.of((int) Math.min(years, 200));
    }

    private static List<Planned> scrub(
            List<Planned> plan,
            List<Object[]> values,
            List<String> subjects,
            IdentifierValues identifiers,
            int k,
            List<ColumnMapping> mappings) {
        List<Integer> keep = new ArrayList<>();
        for (int c = 0; c < plan.size(); c++) {
            Planned p = plan.get(c);
            if (p.treatment == Treatment.SCRUB) {
                List<String> texts = new ArrayList<>();
                for (Object[] row : values) {
                    texts.add((String) row[c]);
                }
                Optional<String> why = FreeTextScrubber.whyNotClean(texts, subjects, identifiers, k);
                if (why.isPresent()) {
                    mappings.removeIf(m -> p.name.equals(m.output()));
                    mappings.add(new ColumnMapping(
                            null, List.of(p.input), "REMOVE", "free text not proved clean: " + why.get()));
                    continue;
                }
            }
            keep.add(c);
        }
        if (keep.size() == plan.size()) {
            return plan;
        }
        for (int r = 0; r < values.size(); r++) {
            Object[] row = values.get(r);
            Object[] narrowed = new Object[keep.size()];
            for (int i = 0; i < narrowed.length; i++) {
                narrowed[i] = row[keep.get(i)];
            }
            values.set(r, narrowed);
        }
        return keep.stream().map(plan::get).toList();
    }

    private static int find(List<Planned> plan, String name) {
        for (int c = 0; c < plan.size(); c++) {
            if (plan.get(c).name.equals(name)) {
                return c;
            }
        }
        return -1;
    }

    private static Hierarchy hierarchy(Planned column) {
        return switch (column.treatment) {
            case AGE -> Hierarchy.age();
            case ZIP3 -> Hierarchy.zip3();
            case YEAR -> Hierarchy.year();
            case QUASI -> Hierarchy.flat();
            default ->
                throw new IllegalArgumentException(
                        "quasiIdentifiers: " + column.name + " is the subject's pseudonym, not a quasi-identifier");
        };
    }
}
