package coop.cpc.lakehouse.adapter.health;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * k-anonymity of subjects by full-domain generalization then suppression. The extract links a subject's rows by
 * their pseudonym, so what identifies a subject is the combination of their rows' quasi-identifiers: a subject's
 * class key is the set of their rows' generalized quasi-identifier tuples, and a class is the subjects with equal
 * keys. Every combination of hierarchy levels is tried; with each, the subjects whose class holds fewer than k
 * subjects are suppressed (all their rows); the combination with the least information loss wins (ties: fewer rows
 * suppressed, then the lower levels in order).
 */
public final class KAnonymizer {
    /** Combinations of levels tried at most (the product of the hierarchies' heights + 1). */
    public static final int MAX_COMBINATIONS = 4096;
    /**
     * Rows × combinations of levels one search evaluates at most, a bound on its work: 100,000 rows × 160
     * combinations (16,000,000) took 40 s of one core's CPU time on the 2-core development machine, so the bound is
     * about 50 s (e.g. 62,500 rows with the defaults age, zip3, sex, state and a {@code _year}: 320 combinations).
     */
    public static final long MAX_ROW_COMBINATIONS = 20_000_000L;

    /** What the user can do when a bound refuses: a request adds quasi-identifiers, it cannot leave one out. */
    static final String REMEDY = "to count fewer quasi-identifiers, extract from an asset without some of these"
            + " columns (remove them from the source asset, or publish it from a view that leaves them out)";

    private final List<Hierarchy> hierarchies;
    private final List<String> labels;
    private final int k;
    private final long combinations;

    /** Quasi-identifiers known by position only (q1, q2, ...) in a refusal. */
    public KAnonymizer(List<Hierarchy> hierarchies, int k) {
        this(positions(hierarchies.size()), hierarchies, k);
    }

    /**
     * @param labels per quasi-identifier, how a refusal names it (its column, and why it counts when the user did not
     *     choose it), so the user can see which columns the bounds counted
     */
    public KAnonymizer(List<String> labels, List<Hierarchy> hierarchies, int k) {
        if (labels.size() != hierarchies.size()) {
            throw new IllegalArgumentException("one label per quasi-identifier");
        }
        if (k < 1) {
            throw new IllegalArgumentException("k must be at least 1, not " + k);
        }
        long combinations = 1;
        for (Hierarchy h : hierarchies) {
            combinations *= h.height() + 1;
        }
        if (combinations > MAX_COMBINATIONS) {
            throw new IllegalArgumentException("too many quasi-identifiers: " + String.join(", ", labels) + " make "
                    + combinations + " combinations of levels, at most " + MAX_COMBINATIONS + "; " + REMEDY);
        }
        this.labels = List.copyOf(labels);
        this.hierarchies = List.copyOf(hierarchies);
        this.k = k;
        this.combinations = combinations;
    }

    private static List<String> positions(int count) {
        List<String> names = new ArrayList<>();
        for (int q = 1; q <= count; q++) {
            names.add("q" + q);
        }
        return names;
    }

    /** The number of level combinations the search tries: the product of the hierarchies' heights + 1. */
    public long combinations() {
        return combinations;
    }

    /** The outcome: the generalized quasi-identifiers of each row (null for a suppressed row) and the report. */
    public record Result(List<String[]> generalized, KAnonymityReport report) {
        public boolean suppressed(int row) {
            return generalized.get(row) == null;
        }
    }

    /**
     * @param quasiIdentifiers per row, the level-0 value of each quasi-identifier (null allowed)
     * @param subjects         per row, who the row is about
     */
    public Result anonymize(List<String[]> quasiIdentifiers, List<String> subjects) {
        if (quasiIdentifiers.size() != subjects.size()) {
            throw new IllegalArgumentException("one subject per row");
        }
        long work = (long) quasiIdentifiers.size() * combinations;
        if (work > MAX_ROW_COMBINATIONS) {
            throw new IllegalArgumentException("too large for the k-anonymity search: " + quasiIdentifiers.size()
                    + " rows × " + combinations + " combinations of levels of the quasi-identifiers "
                    + String.join(", ", labels) + " = " + work + ", at most " + MAX_ROW_COMBINATIONS
                    + "; extract fewer rows, or " + REMEDY);
        }
        List<Map<String, String[]>> byLevel = generalizedByLevel(quasiIdentifiers);
        // Each subject's distinct level-0 tuples and how many rows hold each: the search never needs more.
        Map<String, Map<List<String>, Integer>> tuples = new LinkedHashMap<>();
        for (int r = 0; r < subjects.size(); r++) {
            tuples.computeIfAbsent(subjects.get(r), s -> new HashMap<>())
                    .merge(Arrays.asList(quasiIdentifiers.get(r)), 1, Integer::sum);
        }
        int[] best = null;
        double bestLoss = Double.MAX_VALUE;
        int bestSuppressed = Integer.MAX_VALUE;
        for (int[] levels : levelVectors()) {
            Evaluation e = evaluate(levels, tuples, quasiIdentifiers.size(), byLevel);
            if (e.loss < bestLoss - 1e-12 || Math.abs(e.loss - bestLoss) <= 1e-12 && e.suppressed < bestSuppressed) {
                best = levels;
                bestLoss = e.loss;
                bestSuppressed = e.suppressed;
            }
        }
        Evaluation chosen = evaluate(best, tuples, quasiIdentifiers.size(), byLevel);
        List<String[]> out = new ArrayList<>();
        for (int r = 0; r < quasiIdentifiers.size(); r++) {
            int size = chosen.classSizes.get(chosen.keys.get(subjects.get(r)));
            out.add(size < k ? null : generalize(best, quasiIdentifiers.get(r), byLevel));
        }
        int kReached = chosen.classSizes.values().stream()
                .filter(size -> size >= k)
                .mapToInt(Integer::intValue)
                .min()
                .orElse(0);
        int classes = (int)
                chosen.classSizes.values().stream().filter(size -> size >= k).count();
        return new Result(
                out,
                new KAnonymityReport(
                        k,
                        kReached,
                        Arrays.stream(best).boxed().toList(),
                        chosen.suppressed,
                        quasiIdentifiers.isEmpty() ? 0 : chosen.loss,
                        classes));
    }

    /**
     * @param keys       per subject, its class key (the set of its generalized tuples)
     * @param classSizes per class key, the subjects holding it
     * @param suppressed rows of the subjects in classes smaller than k
     */
    private record Evaluation(
            Map<String, Set<List<String>>> keys,
            Map<Set<List<String>>, Integer> classSizes,
            int suppressed,
            double loss) {}

    private Evaluation evaluate(
            int[] levels,
            Map<String, Map<List<String>, Integer>> tuples,
            int rows,
            List<Map<String, String[]>> byLevel) {
        Map<String, Set<List<String>>> keys = new HashMap<>();
        Map<Set<List<String>>, Integer> classSizes = new HashMap<>();
        for (Map.Entry<String, Map<List<String>, Integer>> subject : tuples.entrySet()) {
            Set<List<String>> key = new HashSet<>();
            for (List<String> tuple : subject.getValue().keySet()) {
                key.add(Arrays.asList(generalize(levels, tuple.toArray(String[]::new), byLevel)));
            }
            keys.put(subject.getKey(), key);
            classSizes.merge(key, 1, Integer::sum);
        }
        double levelLoss = 0;
        for (int q = 0; q < levels.length; q++) {
            levelLoss += (double) levels[q] / hierarchies.get(q).height();
        }
        levelLoss = levels.length == 0 ? 0 : levelLoss / levels.length;
        int suppressed = 0;
        for (Map.Entry<String, Map<List<String>, Integer>> subject : tuples.entrySet()) {
            if (classSizes.get(keys.get(subject.getKey())) < k) {
                suppressed += subject.getValue().values().stream()
                        .mapToInt(Integer::intValue)
                        .sum();
            }
        }
        double loss = rows == 0 ? 0 : (suppressed + (rows - suppressed) * levelLoss) / rows;
        return new Evaluation(keys, classSizes, suppressed, loss);
    }

    private static String[] generalize(int[] levels, String[] values, List<Map<String, String[]>> byLevel) {
        String[] out = new String[levels.length];
        for (int q = 0; q < levels.length; q++) {
            out[q] = byLevel.get(q).get(values[q])[levels[q]];
        }
        return out;
    }

    /** Per quasi-identifier, each distinct value's generalization at every level, computed once. */
    private List<Map<String, String[]>> generalizedByLevel(List<String[]> rows) {
        List<Map<String, String[]>> byLevel = new ArrayList<>();
        for (int q = 0; q < hierarchies.size(); q++) {
            Hierarchy hierarchy = hierarchies.get(q);
            Map<String, String[]> values = new HashMap<>();
            for (String[] row : rows) {
                values.computeIfAbsent(row[q], v -> {
                    String[] levels = new String[hierarchy.height() + 1];
                    for (int level = 0; level < levels.length; level++) {
                        levels[level] = hierarchy.generalize(v, level);
                    }
                    return levels;
                });
            }
            byLevel.add(values);
        }
        return byLevel;
    }

    /** Every level vector, in lexicographic order (lowest levels first). */
    private List<int[]> levelVectors() {
        List<int[]> all = new ArrayList<>();
        int[] current = new int[hierarchies.size()];
        while (true) {
            all.add(current.clone());
            int q = current.length - 1;
            while (q >= 0 && current[q] == hierarchies.get(q).height()) {
                current[q] = 0;
                q--;
            }
            if (q < 0) {
                return all;
            }
            current[q]++;
        }
    }
}
