package coop.cpc.lakehouse.web.graphql;

import java.util.ArrayList;
import java.util.List;

/** A unified-style line diff (longest common subsequence) of two short texts, for readable test failures. */
final class LineDiff {
    private static final int CONTEXT = 2;

    private LineDiff() {}

    /** Lines only in {@code expected} start with {@code -}, only in {@code actual} with {@code +}; a few equal lines around them with a space. */
    static String of(String expected, String actual) {
        String[] a = expected.split("\n", -1);
        String[] b = actual.split("\n", -1);
        int[][] common = new int[a.length + 1][b.length + 1];
        for (int i = a.length - 1; i >= 0; i--) {
            for (int j = b.length - 1; j >= 0; j--) {
                common[i][j] =
                        a[i].equals(b[j]) ? common[i + 1][j + 1] + 1 : Math.max(common[i + 1][j], common[i][j + 1]);
            }
        }
        List<String> lines = new ArrayList<>();
        int i = 0;
        int j = 0;
        while (i < a.length || j < b.length) {
            if (i < a.length && j < b.length && a[i].equals(b[j])) {
                lines.add("  " + a[i++]);
                j++;
            } else if (j < b.length && (i == a.length || common[i][j + 1] > common[i + 1][j])) {
                lines.add("+ " + b[j++]);
            } else {
                lines.add("- " + a[i++]);
            }
        }
        return withContext(lines);
    }

    private static String withContext(List<String> lines) {
        StringBuilder out = new StringBuilder();
        int lastShown = -1;
        for (int n = 0; n < lines.size(); n++) {
            boolean near = false;
            for (int k = Math.max(0, n - CONTEXT); k <= Math.min(lines.size() - 1, n + CONTEXT); k++) {
                near |= !lines.get(k).startsWith(" ");
            }
            if (near) {
                if (lastShown >= 0 && n > lastShown + 1) {
                    out.append("  ...\n");
                }
                out.append(lines.get(n)).append('\n');
                lastShown = n;
            }
        }
        return out.toString();
    }
}
