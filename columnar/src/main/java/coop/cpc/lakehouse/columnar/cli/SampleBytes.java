package coop.cpc.lakehouse.columnar.cli;

/** Samples as dav1d's raw output writes them: 1 byte at 8 bits, 2 bytes little-endian above. */
public final class SampleBytes {
    private SampleBytes() {}

    public static byte[] of(int[] samples, int bitDepth) {
        if (bitDepth == 8) {
            byte[] b = new byte[samples.length];
            for (int i = 0; i < samples.length; i++) {
                b[i] = (byte) samples[i];
            }
            return b;
        }
        byte[] b = new byte[samples.length * 2];
        for (int i = 0; i < samples.length; i++) {
            b[2 * i] = (byte) samples[i];
            b[2 * i + 1] = (byte) (samples[i] >>> 8);
        }
        return b;
    }
}
