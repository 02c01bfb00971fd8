package coop.cpc.lakehouse.ingest.http;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;

/**
 * The pages a reader fetched, by a 64-bit hash of their URL (which holds the cursor or offset), so a
 * pagination loop of any length (A, B, A) is caught the first time a page comes round again. At most
 * {@code maxPages} entries (1,000,000: 24 MB at most; 10,000 by default: 240 KB), in two arrays.
 */
final class FetchedPages {
    private long[] hashes = new long[64];
    private int[] pages = new int[64];
    private int size;

    /**
     * Notes a page about to be fetched.
     *
     * @return the number of the page that had the same URL, or 0 when this URL is new
     */
    int add(URI page, int pageNumber) {
        long hash = hash(page);
        int slot = slot(hash, hashes.length);
        while (pages[slot] != 0) {
            if (hashes[slot] == hash) {
                return pages[slot];
            }
            slot = (slot + 1) & (hashes.length - 1);
        }
        hashes[slot] = hash;
        pages[slot] = pageNumber;
        if (++size * 2 > hashes.length) {
            grow();
        }
        return 0;
    }

    private void grow() {
        long[] oldHashes = hashes;
        int[] oldPages = pages;
        hashes = new long[oldHashes.length * 2];
        pages = new int[oldPages.length * 2];
        for (int i = 0; i < oldHashes.length; i++) {
            if (oldPages[i] != 0) {
                int slot = slot(oldHashes[i], hashes.length);
                while (pages[slot] != 0) {
                    slot = (slot + 1) & (hashes.length - 1);
                }
                hashes[slot] = oldHashes[i];
                pages[slot] = oldPages[i];
            }
        }
    }

    private static int slot(long hash, int capacity) {
        return (int) (hash ^ (hash >>> 32)) & (capacity - 1);
    }

    /** The first 8 bytes of the SHA-256 of the URL: a collision would take some 4 billion pages. */
    private static long hash(URI page) {
        return hash(page.toString().getBytes(StandardCharsets.UTF_8));
    }

    /** The first 8 bytes of the SHA-256 of the bytes. */
    static long hash(byte[] bytes) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(bytes);
            long hash = 0;
            for (byte b : Arrays.copyOf(digest, 8)) {
                hash = (hash << 8) | (b & 0xff);
            }
            return hash;
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }
}
