package coop.cpc.lakehouse.web.graphql;

import coop.cpc.lakehouse.application.CatalogInstants;
import coop.cpc.lakehouse.application.InvalidInputException;
import coop.cpc.lakehouse.application.Names;
import coop.cpc.lakehouse.application.table.ChangeCursor;
import coop.cpc.lakehouse.application.table.RowCursor;
import coop.cpc.lakehouse.catalog.TimeOrderCursor;
import coop.cpc.lakehouse.catalog.asset.AssetCursor;
import coop.cpc.lakehouse.catalog.asset.DataAsset;
import coop.cpc.lakehouse.catalog.job.IngestionJob;
import coop.cpc.lakehouse.catalog.job.IngestionJobRepository;
import coop.cpc.lakehouse.catalog.segment.SegmentCursor;
import coop.cpc.lakehouse.catalog.segment.WebmSegment;
import coop.cpc.lakehouse.catalog.snapshot.AssetSnapshot;
import coop.cpc.lakehouse.catalog.snapshot.SnapshotCursor;
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
    private static final String SNAPSHOTS = "s";
    private static final String SEGMENTS = "g";

    private Cursors() {}

    static String of(DataAsset asset) {
        return encode(ASSET + "\n" + asset.getNamespace() + "\n" + asset.getName());
    }

    static String of(IngestionJob job) {
        return of(JOB, IngestionJobRepository.after(job));
    }

    /** The cursor of the audit log's page that continues after {@code position}. */
    static String ofAuditEntry(TimeOrderCursor position) {
        return of(AUDIT, position);
    }

    private static String of(String kind, TimeOrderCursor position) {
        return encode(kind + "\n" + instant(position.at()) + "\n" + position.id());
    }

    static String of(RowCursor position) {
        return encode(ROWS + "\n" + position.snapshotId() + "\n" + position.segment() + "\n" + position.rowGroup()
                + "\n" + position.row());
    }

    static String of(ChangeCursor position) {
        return encode(CHANGES + "\n" + (position.fromSnapshot() == null ? "" : position.fromSnapshot()) + "\n"
                + position.toSnapshot() + "\n" + position.offset());
    }

    /** The cursor that lists the snapshots of its asset older than this one (as {@code before}). */
    static String of(AssetSnapshot snapshot) {
        return encode(SNAPSHOTS + "\n" + snapshot.getAssetId() + "\n" + snapshot.getSequenceNumber());
    }

    /** The cursor that lists the segments of its asset added before this one (as {@code before}). */
    static String of(WebmSegment segment) {
        return encode(SEGMENTS + "\n" + segment.getAssetId() + "\n" + segment.getId());
    }

    static String ofExecution(long resumeAfter) {
        return encode(EXECUTION + "\n" + resumeAfter);
    }

    static AssetCursor asset(String cursor) throws InvalidInputException {
        return decode(
                cursor, ASSET, 2, f -> new AssetCursor(Names.require("namespace", f[1]), Names.require("name", f[2])));
    }

    static TimeOrderCursor job(String cursor) throws InvalidInputException {
        return timeOrder(cursor, JOB);
    }

    static TimeOrderCursor auditEntry(String cursor) throws InvalidInputException {
        return timeOrder(cursor, AUDIT);
    }

    private static TimeOrderCursor timeOrder(String cursor, String kind) throws InvalidInputException {
        return decode(cursor, kind, 3, f -> new TimeOrderCursor(instant(f[1], f[2]), UUID.fromString(f[3])));
    }

    static RowCursor rows(String cursor) throws InvalidInputException {
        return decode(
                cursor,
                ROWS,
                4,
                f -> new RowCursor(
                        UUID.fromString(f[1]), Integer.parseInt(f[2]), Integer.parseInt(f[3]), Integer.parseInt(f[4])));
    }

    static ChangeCursor changes(String cursor) throws InvalidInputException {
        return decode(
                cursor,
                CHANGES,
                3,
                f -> new ChangeCursor(
                        f[1].isEmpty() ? null : UUID.fromString(f[1]), UUID.fromString(f[2]), Long.parseLong(f[3])));
    }

    static SnapshotCursor snapshotsBefore(String cursor) throws InvalidInputException {
        return decode(
                cursor,
                "before",
                SNAPSHOTS,
                2,
                f -> new SnapshotCursor(UUID.fromString(f[1]), positive(Long.parseLong(f[2]))));
    }

    static SegmentCursor segmentsBefore(String cursor) throws InvalidInputException {
        return decode(
                cursor, "before", SEGMENTS, 2, f -> new SegmentCursor(UUID.fromString(f[1]), UUID.fromString(f[2])));
    }

    private static long positive(long value) {
        if (value < 1) {
            throw new IllegalArgumentException("not a sequence number: " + value);
        }
        return value;
    }

    static Long execution(String cursor) throws InvalidInputException {
        return decode(cursor, EXECUTION, 1, f -> Long.parseLong(f[1]));
    }

    /** An instant as two fields, seconds and nanoseconds, so that it comes back to the nanosecond. */
    private static String instant(Instant at) {
        return at.getEpochSecond() + "\n" + at.getNano();
    }

    /** The instant of a cursor's two fields; one the catalog cannot hold is no cursor of this API. */
    private static Instant instant(String seconds, String nanos) throws InvalidInputException {
        long nano = Long.parseLong(nanos);
        if (nano < 0 || nano > 999_999_999) {
            throw notACursor("after");
        }
        Instant at = Instant.ofEpochSecond(Long.parseLong(seconds), nano);
        CatalogInstants.requireStorable("after", at);
        return at;
    }

    /**
     * The position a cursor of the given kind holds, or null for no cursor (the first page). Field 0 is
     * the kind; a cursor of another kind or field count, or with a field that does not parse or that no cursor
     * of this API holds (a name breaking the name rule, an instant the catalog cannot store), is refused.
     */
    private static <T> T decode(String cursor, String kind, int fields, Position<T> position)
            throws InvalidInputException {
        return decode(cursor, "after", kind, fields, position);
    }

    /** As {@link #decode(String, String, int, Position)}, for the argument named {@code argument}. */
    private static <T> T decode(String cursor, String argument, String kind, int fields, Position<T> position)
            throws InvalidInputException {
        if (cursor == null) {
            return null;
        }
        String[] parts = decode(cursor, argument);
        if (parts.length != fields + 1 || !kind.equals(parts[0])) {
            throw notACursor(argument);
        }
        try {
            return position.of(parts);
        } catch (InvalidInputException | RuntimeException e) {
            // Forged: the cause stays unnamed, like any other field that is not what this API wrote.
            throw notACursor(argument);
        }
    }

    private static String encode(String position) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(position.getBytes(StandardCharsets.UTF_8));
    }

    private static String[] decode(String cursor, String argument) throws InvalidInputException {
        try {
            return new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8).split("\n", -1);
        } catch (IllegalArgumentException e) {
            throw notACursor(argument);
        }
    }

    /** What a cursor's fields stand for; a field that does not parse or breaks a rule throws. */
    @FunctionalInterface
    private interface Position<T> {
        T of(String[] fields) throws InvalidInputException;
    }

    private static InvalidInputException notACursor(String argument) {
        return new InvalidInputException(argument + " is not a cursor returned by this API");
    }
}
