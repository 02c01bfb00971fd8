package coop.cpc.lakehouse.columnar.av1;

import java.util.Random;

/** Seeded synthetic frames for the av1 tests. */
final class TestFrames {
    private TestFrames() {}

    static final String[] PATTERNS = {
        "noise", "constant", "ramp", "sine", "steps", "walk", "categories", "manyCategories"
    };

    static int[] generate(String pattern, int width, int height, int bitDepth, long seed) {
        Random rnd = new Random(seed);
        int max = (1 << bitDepth) - 1;
        int[] s = new int[width * height];
        double walk = max / 2.0;
        int step = rnd.nextInt(max + 1);
        int[] categories = rnd.ints(16, 0, max + 1).toArray();
        for (int i = 0; i < s.length; i++) {
            int x = i % width;
            int y = i / width;
            int v = switch (pattern) {
                case "noise" -> rnd.nextInt(max + 1);
                case "constant" -> max / 3;
                case "ramp" -> (x * 3 + y * 5) & max;
                case "sine" -> (int) Math.round(max / 2.0 * (1 + Math.sin(i * 0.013)));
                case "steps" -> {
                    if (rnd.nextInt(97) == 0) {
                        step = rnd.nextInt(max + 1);
                    }
                    yield step;
                }
                case "categories" -> categories[Math.min(4, (int) Math.abs(rnd.nextGaussian() * 1.5))];
                case "manyCategories" -> categories[Math.min(15, (int) Math.abs(rnd.nextGaussian() * 4))];
                case "walk" -> {
                    walk = Math.max(0, Math.min(max, walk + rnd.nextGaussian() * 3));
                    yield (int) walk;
                }
                default -> throw new IllegalArgumentException(pattern);
            };
            s[i] = Math.max(0, Math.min(max, v));
        }
        return s;
    }
}
