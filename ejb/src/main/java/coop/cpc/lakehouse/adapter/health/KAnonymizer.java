package coop.cpc.lakehouse.adapter.health;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * k-anonymity by full-domain generalization then suppression: every combination of hierarchy
 * levels is tried; with each, the rows whose class (equal generalized quasi-identifiers) holds fewer
 * than k distinct subjects are suppressed; the combination with the least information loss wins
 * (ties: fewer rows suppressed, then the lower levels in order). Classes count subjects, not rows,
 * so a person with many rows still counts once.
 */
public final class KAnonymizer {
    /** Combinations of levels tried at most (the product of the hierarchies' heights + 1). */
    public static final int MAX_COMBINATIONS = 4096;

    private final List<Hierarchy> hierarchies;
    private final int k;

    public KAnonymizer(List<Hierarchy> hierarchies, int k) {
        if (k < 1) {
            throw new IllegalArgumentException("k must be at least 1, not " + k);
        }
        long combinations = 1;
        for (Hierarchy h : hierarchies) {
            combinations *= h.height() + 1;
        }
        if (combinations > MAX_COMBINATIONS) {
            throw new IllegalArgumentException("too many quasi-identifiers: " + combinations
                    + " combinations of levels, at most " + MAX_COMBINATIONS);
        }
        this.hierarchies = List.copyOf(hierarchies);
        this.k = k;
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
        int[] best = null;
        double bestLoss = Double.MAX_VALUE;
        int bestSuppressed = Integer.MAX_VALUE;
        for (int[] levels : combinations()) {
            Evaluation e = evaluate(levels, quasiIdentifiers, subjects);
            if (e.loss < bestLoss - 1e-12 || Math.abs(e.loss - bestLoss) <= 1e-12 && e.suppressed < bestSuppressed) {
                best = levels;
                bestLoss = e.loss;
                bestSuppressed = e.suppressed;
            }
        }
        Evaluation chosen = evaluate(best, quasiIdentifiers, subjects);
        List<String[]> out = new ArrayList<>();
        int kReached = Integer.MAX_VALUE;
        for (int r = 0; r < quasiIdentifiers.size(); r++) {
            String[] g = generalize(best, quasiIdentifiers.get(r));
            int size = chosen.classSubjects.get(Arrays.asList(g)).size();
            if (size < k) {
                out.add(null);
            } else {
                out.add(g);
                kReached = Math.min(kReached, size);
            }
        }
        List<Integer> levels = Arrays.stream(best).boxed().toList();
        int classes = (int) chosen.classSubjects.values().stream()
                .filter(s -> s.size() >= k)
                .count();
        return new Result(
                out,
                new KAnonymityReport(
                        k,
                        kReached == Integer.MAX_VALUE ? 0 : kReached,
                        levels,
                        chosen.suppressed,
                        quasiIdentifiers.isEmpty() ? 0 : chosen.loss,
                        classes));
    }

    private record Evaluation(Map<List<String>, Set<String>> classSubjects, int suppressed, double loss) {}

    private Evaluation evaluate(int[] levels, List<String[]> rows, List<String> subjects) {
        Map<List<String>, Set<String>> classes = new HashMap<>();
        List<List<String>> keys = new ArrayList<>(rows.size());
        for (int r = 0; r < rows.size(); r++) {
            List<String> key = Arrays.asList(generalize(levels, rows.get(r)));
            keys.add(key);
            classes.computeIfAbsent(key, x -> new HashSet<>()).add(subjects.get(r));
        }
        double levelLoss = 0;
        for (int q = 0; q < levels.length; q++) {
            levelLoss += (double) levels[q] / hierarchies.get(q).height();
        }
        levelLoss = levels.length == 0 ? 0 : levelLoss / levels.length;
        int suppressed = 0;
        double loss = 0;
        for (List<String> key : keys) {
            if (classes.get(key).size() < k) {
                suppressed++;
                loss += 1;
            } else {
                loss += levelLoss;
            }
        }
        return new Evaluation(classes, suppressed, rows.isEmpty() ? 0 : loss / rows.size());
    }

    private String[] generalize(int[] levels, String[] values) {
        String[] out = new String[levels.length];
        for (int q = 0; q < levels.length; q++) {
            out[q] = hierarchies.get(q).generalize(values[q], levels[q]);
        }
        return out;
    }

    /** Every level vector, in lexicographic order (lowest levels first). */
    private List<int[]> combinations() {
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
