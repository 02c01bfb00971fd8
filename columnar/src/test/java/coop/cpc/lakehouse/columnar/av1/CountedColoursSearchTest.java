package coop.cpc.lakehouse.columnar.av1;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.junit.jupiter.api.Test;

/** The palette trials from a superblock's counted colours decide, and so write, exactly what passes over the samples do. */
class CountedColoursSearchTest {

    /**
     * A frame of strips 4 rows high (as a small row group's planes lie in the 256-wide frames), each from its own few
     * values: superblocks of a few, 9..32 and more values, noisy and in runs.
     */
    private static int[] frame(Random rnd, int width, int height, int bitDepth) {
        int[] s = new int[width * height];
        int max = (1 << bitDepth) - 1;
        if (rnd.nextBoolean()) {
            // Eight frequent values a few apart and a few samples next to them (as the high limbs of noisy
            // timestamps): blocks of 9..32 values whose chosen palette leaves residuals and still wins some trials.
            int gap = 1 + rnd.nextInt(6);
            int base = rnd.nextInt(max - 8 * gap - 2) + 1;
            int off = 1 + rnd.nextInt(12);
            for (int i = 0; i < s.length; i++) {
                s[i] = base + gap * rnd.nextInt(8) + (rnd.nextInt(100) < off ? (rnd.nextBoolean() ? 1 : -1) : 0);
            }
            return s;
        }
        // The frame's values: mostly 9..32 (the counted superblocks), sometimes more; near neighbours in some frames,
        // as the limbs of sorted timestamps (residuals against the nearest colour are then small).
        int[] frameValues = new int[4 + rnd.nextInt(rnd.nextInt(4) == 0 ? 60 : 29)];
        int base = rnd.nextInt(max - 128);
        boolean near = rnd.nextBoolean();
        for (int i = 0; i < frameValues.length; i++) {
            frameValues[i] = near ? base + rnd.nextInt(128) : rnd.nextInt(max + 1);
        }
        for (int strip = 0; strip < height / 4; strip++) {
            int values = 1 + rnd.nextInt(rnd.nextBoolean() ? 6 : 16);
            int[] alphabet = new int[values];
            for (int i = 0; i < values; i++) {
                alphabet[i] = frameValues[rnd.nextInt(frameValues.length)];
            }
            int skew = rnd.nextInt(4);
            for (int i = strip * 4 * width; i < (strip + 1) * 4 * width; i++) {
                int pick = switch (skew) {
                    case 0, 3 -> rnd.nextInt(values);
                    case 1 -> Math.min(values - 1, (int) Math.abs(rnd.nextGaussian() * 3));
                    default -> i % width > 0 && rnd.nextInt(8) > 0 ? -1 : rnd.nextInt(values);
                };
                s[i] = pick < 0 ? s[i - 1] : alphabet[pick];
                // A few samples next to a frequent value: blocks whose best palette leaves residuals.
                if (skew == 3 && rnd.nextInt(25) == 0) {
                    s[i] = Math.min(max, s[i] + 1);
                }
            }
        }
        return s;
    }

    @Test
    void countedAndSampledPaletteTrialsWriteTheSameTiles() {
        int countedSuperblocks = 0;
        for (long seed = 1; seed <= 40; seed++) {
            Random rnd = new Random(seed);
            int bitDepth = new int[] {8, 10, 12}[rnd.nextInt(3)];
            int width = 8 * (1 + rnd.nextInt(24));
            int height = 8 * (1 + rnd.nextInt(24));
            int[] plane = frame(rnd, width, height, bitDepth);
            for (SearchPreset preset : SearchPreset.values()) {
                byte[] sampled = new TileEncoder(
                                plane, width, bitDepth, height / 4, width / 4, new PartitionSearch(preset, false))
                        .encodeTile(0, height / 4, 0, width / 4);
                byte[] counted = new TileEncoder(
                                plane, width, bitDepth, height / 4, width / 4, new PartitionSearch(preset, true))
                        .encodeTile(0, height / 4, 0, width / 4);
                assertThat(counted)
                        .as("seed %d, %s, %dx%d", seed, preset, width, height)
                        .isEqualTo(sampled);
            }
            SuperblockColours colours = new SuperblockColours();
            for (int y = 0; y < height; y += 64) {
                for (int x = 0; x < width; x += 64) {
                    if (colours.index(plane, width, x, y, Math.min(64, width - x), Math.min(64, height - y))
                            && colours.count() > 8) {
                        countedSuperblocks++;
                    }
                }
            }
        }
        // The frames do exercise the counted path.
        assertThat(countedSuperblocks).isGreaterThan(40);
    }

    @Test
    void aCountedTrialHasTheSampledTrialsCostOrLosesWhereItLoses() {
        int trials = 0;
        int residualTrials = 0;
        for (long seed = 1; seed <= 30; seed++) {
            Random rnd = new Random(seed);
            int bitDepth = new int[] {8, 10, 12}[rnd.nextInt(3)];
            int width = 64 * (1 + rnd.nextInt(3));
            int height = 64 * (1 + rnd.nextInt(2));
            int[] plane = frame(rnd, width, height, bitDepth);
            int miRows = height / 4;
            int miCols = width / 4;
            PartitionSearch sampled = new PartitionSearch(SearchPreset.THOROUGH, false);
            PartitionSearch counted = new PartitionSearch(SearchPreset.THOROUGH, true);
            BlockContexts ctx = new BlockContexts(miCols);
            ctx.startTile(0, 0);
            SuperblockColours colours = new SuperblockColours();
            for (int r0 = 0; r0 < miRows; r0 += 16) {
                for (int c0 = 0; c0 < miCols; c0 += 16) {
                    if (!colours.index(plane, width, c0 * 4, r0 * 4, 64, 64) || colours.count() <= 8) {
                        continue;
                    }
                    sampled.analyse(plane, width, bitDepth, ctx, r0, c0, miRows, miCols);
                    counted.analyse(plane, width, bitDepth, ctx, r0, c0, miRows, miCols);
                    for (int k = 0; k < 40; k++) {
                        // Blocks of 8x8 .. 64x64 of the shapes the search tries (squares and their halves).
                        int level = rnd.nextInt(4);
                        int n4 = 16 >> level;
                        int r = r0 + n4 * rnd.nextInt(16 / n4);
                        int c = c0 + n4 * rnd.nextInt(16 / n4);
                        int shape = rnd.nextInt(3);
                        int rEnd = r + (shape == 1 ? n4 / 2 : n4);
                        int cEnd = c + (shape == 2 ? n4 / 2 : n4);
                        int cost = sampled.paletteTrial(r, c, rEnd, cEnd, Integer.MAX_VALUE);
                        assertThat(counted.paletteTrial(r, c, rEnd, cEnd, Integer.MAX_VALUE))
                                .isEqualTo(cost);
                        if (cost == Integer.MAX_VALUE) {
                            continue;
                        }
                        trials++;
                        java.util.Set<Integer> values = new java.util.HashSet<>();
                        for (int y = r * 4; y < rEnd * 4; y++) {
                            for (int x = c * 4; x < cEnd * 4; x++) {
                                values.add(plane[y * width + x]);
                            }
                        }
                        if (values.size() > 8) {
                            residualTrials++;
                        }
                        // Bounds at and around the cost: the counted trial's early ends must agree with the sampled
                        // one.
                        for (int bound : new int[] {cost - 1, cost, cost + 1, cost + rnd.nextInt(200), cost / 2}) {
                            int expected = sampled.paletteTrial(r, c, rEnd, cEnd, bound);
                            int actual = counted.paletteTrial(r, c, rEnd, cEnd, bound);
                            String at = String.format(
                                    "seed %d block (%d, %d)-(%d, %d) bound %d", seed, r, c, rEnd, cEnd, bound);
                            assertThat(actual < bound).as(at).isEqualTo(expected < bound);
                            if (expected < bound) {
                                assertThat(actual).as(at).isEqualTo(expected);
                            }
                        }
                    }
                }
            }
        }
        assertThat(trials).isGreaterThan(500);
        assertThat(residualTrials).isGreaterThan(100);
    }

    @Test
    void aFourByFourWithAResidualCostsAtLeastTheBoundTheTrialsUseAndOneCostsExactlyThat() {
        // A DC coefficient of 1 alone: the cheapest 4x4 with a residual.
        int[] coefficients = new int[16];
        coefficients[0] = 1;
        Wht4x4.inverse(coefficients, 8);
        int[] residual = coefficients.clone();
        assertThat(residual).isNotEqualTo(new int[16]);
        int[] forward = new int[16];
        Wht4x4.forward(residual, 0, forward, 0);
        assertThat(PartitionSearch.coefficientCost(forward, 0)).isEqualTo(PartitionSearch.MIN_RESIDUAL_BLOCK_COST);
        Random rnd = new Random(7);
        for (int k = 0; k < 20_000; k++) {
            int[] r = new int[16];
            int nonZero = 1 + rnd.nextInt(16);
            for (int i = 0; i < nonZero; i++) {
                r[rnd.nextInt(16)] = rnd.nextBoolean() ? 1 + rnd.nextInt(3) : -1 - rnd.nextInt(300);
            }
            Wht4x4.forward(r, 0, forward, 0);
            assertThat(PartitionSearch.coefficientCost(forward, 0))
                    .isGreaterThanOrEqualTo(PartitionSearch.MIN_RESIDUAL_BLOCK_COST);
        }
    }
}
