package coop.cpc.lakehouse.application.job;

import coop.cpc.lakehouse.application.audit.AuditedResult;
import java.util.Map;

/**
 * The start of a run's rejects file (NDJSON, one rejected record per line), cut at a line's end.
 *
 * @param text      whole lines only, at most the bytes asked for
 * @param byteSize  the whole file's size
 * @param lines     the lines in {@code text}
 * @param truncated true when the file goes on beyond {@code text}
 */
public record RejectedRecords(String text, long byteSize, int lines, boolean truncated) implements AuditedResult {

    /** How many rejected records (lines) the read returned, and whether it was cut; never their text. */
    @Override
    public Map<String, Object> auditDetails() {
        return Map.of("resultCount", lines, "truncated", truncated);
    }
}
