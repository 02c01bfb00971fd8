package coop.cpc.lakehouse.columnar.av1;

/**
 * One decoded monochrome frame: {@code samples[y * width + x]}, each in {@code [0, 2^bitDepth)}.
 */
public record Av1Frame(int width, int height, int bitDepth, int[] samples) {}
