package coop.cpc.lakehouse.sled.format;

/**
 * The hash of a pid in open-addressing tables: MurmurHash3's 64-bit finaliser of the pid mixed with a seed. The
 * finaliser alone can be inverted, so a crafted input could name pids that all share one slot; a seed drawn per table
 * ({@code ThreadLocalRandom.current().nextLong()}) takes that choice away.
 */
public final class PidHash {

    private PidHash() {}

    public static long of(long pid, long seed) {
        long h = pid ^ seed;
        h ^= h >>> 33;
        h *= 0xff51afd7ed558ccdL;
        h ^= h >>> 33;
        h *= 0xc4ceb9fe1a85ec53L;
        h ^= h >>> 33;
        return h;
    }
}
