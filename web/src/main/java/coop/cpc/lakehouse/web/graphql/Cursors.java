package coop.cpc.lakehouse.web.graphql;

import coop.cpc.lakehouse.application.InvalidInputException;
import coop.cpc.lakehouse.application.table.ChangeCursor;
import coop.cpc.lakehouse.application.table.RowCursor;
import coop.cpc.lakehouse.catalog.asset.AssetCursor;
import coop.cpc.lakehouse.catalog.asset.DataAsset;
import coop.cpc.lakehouse.catalog.audit.AuditLogCursor;
import coop.cpc.lakehouse.catalog.job.IngestionJob;
import coop.cpc.lakehouse.catalog.job.JobCursor;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.UUID;

/** Opaque page cursors: base64url of the keyset position, so clients cannot depend on their form. */
final class Cursors {
    private static final String ASSET = "a";
    private static final String JOB = "j";
    private static final String ROWS = "r";
    private static final String AUDIT = "l";
    private static final String EXECUTION = "e";
    private static final String CHANGES = "c";

    private Cursors() {}

    static String of(DataAsset asset) {
        return encode(ASSET + "\n" + asset.getNamespace() + "\n" + asset.getName());
    }

    static String of(IngestionJob job) {
        Instant at = job.getCreatedAt();
        return encode(JOB + "\n" + at.getEpochSecond() + "\n" + at.getNano() + "\n" + job.getId());
    }

    static String of(AuditLogCursor position) {
        Instant at = position.occurredAt();
        return encode(AUDIT + "\n" + at.getEpochSecond() + "\n" + at.getNano() + "\n" + position.id());
    }

    static AuditLogCursor auditEntry(String cursor) throws InvalidInputException {
        if (cursor == null) {
            return null;
        }
        String[] parts = decode(cursor);
        if (parts.length != 4 || !AUDIT.equals(parts[0])) {
            throw notACursor();
        }
        try {
            return new AuditLogCursor(
                    Instant.ofEpochSecond(Long.parseLong(parts[1]), Long.parseLong(parts[2])),
                    UUID.fromString(parts[3]));
        } catch (RuntimeException e) {
            throw notACursor();
        }
    }

    static String of(RowCursor position) {
        return encode(ROWS + "\n" + position.snapshotId() + "\n" + position.segment() + "\n" + position.rowGroup()
                + "\n" + position.row());
    }

    static String of(ChangeCursor position) {
        return encode(CHANGES + "\n" + (position.fromSnapshot() == null ? "" : position.fromSnapshot()) + "\n"
                + position.toSnapshot() + "\n" + position.offset());
    }

    static ChangeCursor changes(String cursor) throws InvalidInputException {
        if (cursor == null) {
            return null;
        }
        String[] parts = decode(cursor);
        if (parts.length != 4 || !CHANGES.equals(parts[0])) {
            throw notACursor();
        }
        try {
            return new ChangeCursor(
                    parts[1].isEmpty() ? null : UUID.fromString(parts[1]),
                    UUID.fromString(parts[2]),
                    Long.parseLong(parts[3]));
        } catch (RuntimeException e) {
            throw notACursor();
        }
    }

    static RowCursor rows(String cursor) throws InvalidInputException {
        if (cursor == null) {
            return null;
        }
        String[] parts = decode(cursor);
        if (parts.length != 5 || !ROWS.equals(parts[0])) {
            throw notACursor();
        }
        try {
            return new RowCursor(
                    UUID.fromString(parts[1]),
                    Integer.parseInt(parts[2]),
                    Integer.parseInt(parts[3]),
                    Integer.parseInt(parts[4]));
        } catch (RuntimeException e) {
            throw notACursor();
        }
    }

    static AssetCursor asset(String cursor) throws InvalidInputException {
        if (cursor == null) {
            return null;
        }
        String[] parts = decode(cursor);
        if (parts.length != 3 || !ASSET.equals(parts[0])) {
            throw notACursor();
        }
        return new AssetCursor(parts[1], parts[2]);
    }

    static JobCursor job(String cursor) throws InvalidInputException {
        if (cursor == null) {
            return null;
        }
        String[] parts = decode(cursor);
        if (parts.length != 4 || !JOB.equals(parts[0])) {
            throw notACursor();
        }
        try {
            return new JobCursor(
                    Instant.ofEpochSecond(Long.parseLong(parts[1]), Long.parseLong(parts[2])),
                    UUID.fromString(parts[3]));
        } catch (RuntimeException e) {
            throw notACursor();
        }
    }

    static String ofExecution(long resumeAfter) {
        return encode(EXECUTION + "\n" + resumeAfter);
    }

    static Long execution(String cursor) throws InvalidInputException {
        if (cursor == null) {
            return null;
        }
        String[] parts = decode(cursor);
        if (parts.length != 2 || !EXECUTION.equals(parts[0])) {
            throw notACursor();
        }
        try {
            return Long.parseLong(parts[1]);
        } catch (RuntimeException e) {
            throw notACursor();
        }
    }

    private static String encode(String position) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(position.getBytes(StandardCharsets.UTF_8));
    }

    private static String[] decode(String cursor) throws InvalidInputException {
        try {
            return new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8).split("\n", -1);
        } catch (IllegalArgumentException e) {
            throw notACursor();
        }
    }

    private static InvalidInputException notACursor() {
        return new InvalidInputException("after is not a cursor returned by this API");
    }
}
