package coop.cpc.lakehouse.application.audit;

import java.util.List;

/**
 * The result of walking the whole audit chain: intact or not, every entry that does not verify counted, the first
 * {@value #LISTED_BROKEN_ENTRIES} of them named in chain order.
 *
 * @param intact               no entry is broken and the published head, if one was given, is in the chain
 * @param entriesChecked       the entries walked: every entry of the trail, broken ones included
 * @param brokenEntries        how many entries do not verify (their hash, their link or a field holding U+001F)
 * @param brokenEntryIds       the ids of the first {@value #LISTED_BROKEN_ENTRIES} of them, oldest first
 * @param publishedHeadMissing a head was given and is neither in the chain nor the latest anchor's entry
 */
public record AuditVerification(
        boolean intact,
        long entriesChecked,
        long brokenEntries,
        List<String> brokenEntryIds,
        boolean publishedHeadMissing) {
    /** How many broken entries a verification names at most; it counts them all. */
    public static final int LISTED_BROKEN_ENTRIES = 100;

    public AuditVerification {
        brokenEntryIds = List.copyOf(brokenEntryIds);
        if (brokenEntries < 0 || brokenEntryIds.size() != Math.min(brokenEntries, LISTED_BROKEN_ENTRIES)) {
            throw new IllegalArgumentException("brokenEntryIds names " + brokenEntryIds.size() + " entries, for "
                    + brokenEntries + " broken (it names the first " + LISTED_BROKEN_ENTRIES + ")");
        }
        if (intact != (brokenEntries == 0 && !publishedHeadMissing)) {
            throw new IllegalArgumentException(
                    "intact must be true exactly when no entry is broken and no published head is missing");
        }
    }

    /** A chain in which every entry verifies. */
    public static AuditVerification intact(long entriesChecked) {
        return new AuditVerification(true, entriesChecked, 0, List.of(), false);
    }

    /** The oldest entry that does not verify, or null if none (the chain may still be broken by a missing head). */
    public String firstBrokenEntryId() {
        return brokenEntryIds.isEmpty() ? null : brokenEntryIds.get(0);
    }
}
