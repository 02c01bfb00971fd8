package coop.cpc.lakehouse.web.graphql;

import coop.cpc.lakehouse.application.InvalidInputException;
import coop.cpc.lakehouse.application.asset.AssetService;
import coop.cpc.lakehouse.application.asset.UnknownAssetException;
import coop.cpc.lakehouse.application.security.ForbiddenException;
import coop.cpc.lakehouse.application.security.OperationGate;
import coop.cpc.lakehouse.application.table.AsOf;
import coop.cpc.lakehouse.application.table.ChangePage;
import coop.cpc.lakehouse.application.table.CommitConflictException;
import coop.cpc.lakehouse.application.table.CommitResult;
import coop.cpc.lakehouse.application.table.ExpiryResult;
import coop.cpc.lakehouse.application.table.IncomingColumn;
import coop.cpc.lakehouse.application.table.ResponseTooLargeException;
import coop.cpc.lakehouse.application.table.RowChangeEvent;
import coop.cpc.lakehouse.application.table.RowPage;
import coop.cpc.lakehouse.application.table.RowPredicate;
import coop.cpc.lakehouse.application.table.SchemaMismatchException;
import coop.cpc.lakehouse.application.table.SnapshotExpiredException;
import coop.cpc.lakehouse.application.table.TableService;
import coop.cpc.lakehouse.catalog.asset.DataAsset;
import coop.cpc.lakehouse.catalog.segment.SegmentCursor;
import coop.cpc.lakehouse.catalog.segment.WebmSegment;
import coop.cpc.lakehouse.catalog.snapshot.AssetSnapshot;
import coop.cpc.lakehouse.catalog.snapshot.SnapshotCursor;
import coop.cpc.lakehouse.columnar.Column;
import coop.cpc.lakehouse.columnar.Values;
import coop.cpc.lakehouse.web.graphql.dto.AsOfInput;
import coop.cpc.lakehouse.web.graphql.dto.Asset;
import coop.cpc.lakehouse.web.graphql.dto.ChangeConnection;
import coop.cpc.lakehouse.web.graphql.dto.ColumnInput;
import coop.cpc.lakehouse.web.graphql.dto.CommitOutcome;
import coop.cpc.lakehouse.web.graphql.dto.CompactionStarted;
import coop.cpc.lakehouse.web.graphql.dto.ExpiryOutcome;
import coop.cpc.lakehouse.web.graphql.dto.PageInfo;
import coop.cpc.lakehouse.web.graphql.dto.Row;
import coop.cpc.lakehouse.web.graphql.dto.RowChange;
import coop.cpc.lakehouse.web.graphql.dto.RowColumn;
import coop.cpc.lakehouse.web.graphql.dto.RowConnection;
import coop.cpc.lakehouse.web.graphql.dto.RowInput;
import coop.cpc.lakehouse.web.graphql.dto.RowPredicateInput;
import coop.cpc.lakehouse.web.graphql.dto.Segment;
import coop.cpc.lakehouse.web.graphql.dto.Snapshot;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import org.eclipse.microprofile.graphql.DefaultValue;
import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.GraphQLApi;
import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.Mutation;
import org.eclipse.microprofile.graphql.Name;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Query;
import org.eclipse.microprofile.graphql.Source;

/**
 * An asset's data as a table: rows (merge-on-read, with time travel), the change feed, its snapshots and
 * segments; appending, upserting and deleting rows; compaction and snapshot expiry.
 */
@GraphQLApi
@HidesInternalErrors
@Authorized
@ApplicationScoped
public class TableApi {
    @Inject
    TableService tables;

    @Inject
    AssetService assets;

    @Inject
    OperationGate gate;

    @Inject
    ResponseBudget budget;

    /** The size of a snapshot or segment in an answer apart from its free text (ids, numbers, times, names). */
    static final int HISTORY_ITEM_BYTES = AssetService.HISTORY_ITEM_BYTES;

    @Name("rows")
    @Description("The asset's rows at its current snapshot, or asOf an older one; only the columns asked for. The rows "
            + "fields of one request decode at most graphql_max_scan_rows stored rows in all (each at least one row "
            + "group): a page may hold fewer than first rows, or none, with hasNextPage true; page on from endCursor.")
    public @NonNull RowConnection rows(
            @Source Asset asset,
            @Name("columns") List<String> columns,
            @Name("where") List<RowPredicateInput> where,
            @Name("first") @DefaultValue("100") int first,
            @Name("after") String after,
            @Name("asOf") AsOfInput asOf)
            throws InvalidInputException, UnknownAssetException, ResponseTooLargeException, ForbiddenException,
                    SnapshotExpiredException {
        gate.requireRows(asset.namespace(), Assembler.classification(asset.classification()));
        List<RowPredicate> predicates = new ArrayList<>();
        for (RowPredicateInput input : where == null ? List.<RowPredicateInput>of() : where) {
            // A null condition reaches the service, which refuses it (audited).
            predicates.add(
                    input == null
                            ? null
                            : new RowPredicate(
                                    input.column(),
                                    Assembler.byName(input.op(), RowPredicate.Operator.class),
                                    input.values()));
        }
        RowPage page = tables.rows(
                Ids.parse("id", asset.id()),
                columns == null ? List.of() : columns,
                predicates,
                first,
                Cursors.rows(after),
                asOf(asOf),
                budget.remaining());
        budget.spend(page.bytes());
        List<Row> rows = new ArrayList<>();
        for (Object[] values : page.rows()) {
            rows.add(new Row(texts(page.columns(), values)));
        }
        return new RowConnection(
                header(page.columns()),
                rows,
                page.snapshotId() == null ? null : page.snapshotId().toString(),
                new PageInfo(page.next() != null, page.next() == null ? null : Cursors.of(page.next())));
    }

    @Name("snapshots")
    @Description(
            "The asset's newest commits (last: at most graphql_max_page_size; by default 100, or graphql_max_page_size if "
                    + "smaller), oldest first; with before (a Snapshot.cursor, under asset(id:)), the ones committed "
                    + "before that snapshot. Expired snapshots are listed (expiredAt) until their rows are deleted, "
                    + "expired_snapshot_record_days later. Counted against graphql_max_response_bytes with the "
                    + "request's rows.")
    public List<List<Snapshot>> snapshots(
            @Source List<Asset> batch, @Name("last") Integer last, @Name("before") String before)
            throws InvalidInputException {
        Map<UUID, List<AssetSnapshot>> found;
        if (before == null) {
            found = assets.snapshots(ids(batch), last);
        } else {
            SnapshotCursor cursor = Cursors.snapshotsBefore(before);
            requireOneAsset(batch, cursor.assetId(), "snapshots");
            found = Map.of(cursor.assetId(), assets.snapshotsBefore(cursor, last));
        }
        spend("snapshots", found, s -> HISTORY_ITEM_BYTES + length(s.getSummary()));
        return perAsset(batch, found, asset -> TableApi::snapshot);
    }

    @Name("segments")
    @Description("The asset's segment files last added (last: at most graphql_max_page_size; by default 100, or "
            + "graphql_max_page_size if smaller), live or "
            + "removed, in the order they were added; with before (a Segment.cursor, under asset(id:)), the ones "
            + "added before that segment. Counted against graphql_max_response_bytes with the request's "
            + "rows.")
    public List<List<Segment>> segments(
            @Source List<Asset> batch, @Name("last") Integer last, @Name("before") String before)
            throws InvalidInputException {
        Map<UUID, List<WebmSegment>> found;
        if (before == null) {
            found = assets.segments(ids(batch), last);
        } else {
            SegmentCursor cursor = Cursors.segmentsBefore(before);
            requireOneAsset(batch, cursor.assetId(), "segments");
            found = Map.of(cursor.assetId(), assets.segmentsBefore(cursor, last));
        }
        spend("segments", found, g -> HISTORY_ITEM_BYTES + length(g.getPath()) + length(g.getColumnStatistics()));
        return perAsset(batch, found, asset -> {
            // Minima and maxima are values of the asset: shown only to callers who may read its rows.
            boolean values = mayReadRows(asset);
            return g -> segment(g, values);
        });
    }

    /**
     * A {@code before} cursor pages one asset's history: the field must be asked of that asset alone (a cursor of
     * another asset would list a history its caller was not shown).
     */
    private static void requireOneAsset(List<Asset> batch, UUID cursorAsset, String field)
            throws InvalidInputException {
        if (batch.size() != 1 || !cursorAsset.toString().equals(batch.get(0).id())) {
            throw new InvalidInputException("before: a cursor of " + field + " pages the asset it came from, asked"
                    + " alone (asset(id:) of that asset)");
        }
    }

    /** Takes an answer's estimated size from the request's response budget, or refuses it when it does not fit. */
    private <F> void spend(String field, Map<UUID, List<F>> found, java.util.function.ToLongFunction<F> bytes)
            throws InvalidInputException {
        long total =
                found.values().stream().flatMap(List::stream).mapToLong(bytes).sum();
        if (total > budget.remaining()) {
            throw new InvalidInputException(field + " would return about " + total + " bytes, more than the "
                    + budget.remaining() + " left of graphql_max_response_bytes: ask for fewer (last) or fewer assets");
        }
        budget.spend(total);
    }

    private static long length(String text) {
        return text == null ? 0 : text.length();
    }

    /**
     * The answer of a batched field: for each asset of the batch, in its order, what was found for it
     * (none when nothing was), each shown by the function the asset gives.
     */
    private static <F, T> List<List<T>> perAsset(
            List<Asset> batch, Map<UUID, List<F>> found, Function<Asset, Function<F, T>> shownFor) {
        List<List<T>> result = new ArrayList<>();
        for (Asset asset : batch) {
            Function<F, T> shown = shownFor.apply(asset);
            result.add(found.getOrDefault(UUID.fromString(asset.id()), List.of()).stream()
                    .map(shown)
                    .toList());
        }
        return result;
    }

    private static Snapshot snapshot(AssetSnapshot s) {
        return new Snapshot(
                s.getId().toString(),
                s.getParentId() == null ? null : s.getParentId().toString(),
                s.getSequenceNumber(),
                s.getOperation().name(),
                s.getCommittedAt().atOffset(ZoneOffset.UTC),
                s.getSummary(),
                s.getSourceJobId() == null ? null : s.getSourceJobId().toString(),
                s.getSourceExecutionId(),
                s.getExpiredAt() == null ? null : s.getExpiredAt().atOffset(ZoneOffset.UTC),
                Cursors.of(s));
    }

    private static Segment segment(WebmSegment g, boolean values) {
        return new Segment(
                g.getId().toString(),
                g.getPath(),
                g.getKind().name(),
                g.getRowCount(),
                g.getByteSize(),
                g.getSha256(),
                values ? g.getColumnStatistics() : null,
                g.getAddedSnapshotId().toString(),
                g.getRemovedSnapshotId() == null
                        ? null
                        : g.getRemovedSnapshotId().toString(),
                g.getCreatedAt().atOffset(ZoneOffset.UTC),
                Cursors.of(g));
    }

    private boolean mayReadRows(Asset asset) {
        try {
            gate.requireRows(asset.namespace(), Assembler.classification(asset.classification()));
            return true;
        } catch (ForbiddenException e) {
            return false;
        }
    }

    private static List<UUID> ids(List<Asset> batch) throws InvalidInputException {
        List<UUID> ids = new ArrayList<>();
        for (Asset asset : batch) {
            ids.add(Ids.parse("id", asset.id()));
        }
        return ids;
    }

    @Mutation("appendRows")
    @Description("Appends up to 10,000 rows as one snapshot. Columns the asset lacks are added as nullable (schema "
            + "evolution); a column with another type than the asset's is refused.")
    public @NonNull CommitOutcome appendRows(
            @Name("assetId") @Id @NonNull String assetId,
            @Name("columns") @NonNull List<ColumnInput> columns,
            @Name("rows") @NonNull List<RowInput> rows)
            throws InvalidInputException, UnknownAssetException, SchemaMismatchException, CommitConflictException {
        CommitResult result = tables.appendText(Ids.parse("assetId", assetId), incoming(columns), values(rows));
        return outcome(result);
    }

    @Mutation("upsertRows")
    @Description(
            "Inserts or replaces up to 10,000 rows of an asset with a primary key, as one snapshot: each row hides "
                    + "the older versions of its key (the last row of a key in the request wins). Columns the asset lacks are "
                    + "added as nullable.")
    public @NonNull CommitOutcome upsertRows(
            @Name("assetId") @Id @NonNull String assetId,
            @Name("columns") @NonNull List<ColumnInput> columns,
            @Name("rows") @NonNull List<RowInput> rows)
            throws InvalidInputException, UnknownAssetException, SchemaMismatchException, CommitConflictException {
        return outcome(tables.upsertText(Ids.parse("assetId", assetId), incoming(columns), values(rows)));
    }

    @Mutation("deleteRows")
    @Description("Deletes up to 10,000 rows of an asset with a primary key, as one snapshot: each key is the values of "
            + "the key columns in the key's order, as text. A key with no row is ignored.")
    public @NonNull CommitOutcome deleteRows(
            @Name("assetId") @Id @NonNull String assetId, @Name("keys") @NonNull List<RowInput> keys)
            throws InvalidInputException, UnknownAssetException, SchemaMismatchException, CommitConflictException {
        return outcome(tables.deleteText(Ids.parse("assetId", assetId), values(keys)));
    }

    @Mutation("compactAsset")
    @Description(
            "Starts the compact-asset job: the asset's data and delete segments rewritten into fresh base segments, "
                    + "one COMPACT snapshot; commits made meanwhile are kept.")
    public @NonNull CompactionStarted compactAsset(@Name("assetId") @Id @NonNull String assetId)
            throws InvalidInputException, UnknownAssetException {
        return new CompactionStarted(tables.startCompaction(Ids.parse("assetId", assetId)));
    }

    @Mutation("expireSnapshots")
    @Description(
            "Expires the asset's snapshots committed before olderThan, keeping the newest retainLast (and always the "
                    + "current one), and deletes the segment files no retained snapshot references. Reading an expired snapshot "
                    + "is refused with code snapshot-expired.")
    public @NonNull ExpiryOutcome expireSnapshots(
            @Name("assetId") @Id @NonNull String assetId,
            @Name("olderThan") @NonNull OffsetDateTime olderThan,
            @Name("retainLast") @DefaultValue("1") int retainLast)
            throws InvalidInputException, UnknownAssetException {
        ExpiryResult result = tables.expireSnapshots(Ids.parse("assetId", assetId), olderThan.toInstant(), retainLast);
        return new ExpiryOutcome(result.snapshotsExpired(), result.segmentsDeleted(), result.bytesDeleted());
    }

    @Query("changes")
    @Description("The asset's change feed: rows inserted, updated (before and after) and deleted by the commits after "
            + "fromSnapshot (null: from the beginning) up to toSnapshot (null: the current one, or the 100,000th "
            + "snapshot after fromSnapshot when more lie between), in commit order. Resume a feed by passing the "
            + "answer's toSnapshot as fromSnapshot. A page replays its range from the start "
            + "up to its end; the changes fields of one request replay at most 1,000,000 changes in all.")
    public @NonNull ChangeConnection changes(
            @Name("assetId") @Id @NonNull String assetId,
            @Name("fromSnapshot") @Id String fromSnapshot,
            @Name("toSnapshot") @Id String toSnapshot,
            @Name("first") @DefaultValue("100") int first,
            @Name("after") String after)
            throws InvalidInputException, UnknownAssetException, ResponseTooLargeException, ForbiddenException,
                    SnapshotExpiredException {
        UUID id = Ids.parse("assetId", assetId);
        DataAsset asset = assets.get(id);
        gate.requireRows(asset.getNamespace(), asset.getClassification());
        ChangePage page = tables.changes(
                id,
                fromSnapshot == null ? null : Ids.parse("fromSnapshot", fromSnapshot),
                toSnapshot == null ? null : Ids.parse("toSnapshot", toSnapshot),
                first,
                Cursors.changes(after),
                budget.remaining());
        budget.spend(page.bytes());
        List<RowChange> changes = new ArrayList<>();
        for (RowChangeEvent event : page.changes()) {
            changes.add(new RowChange(
                    event.snapshotId().toString(),
                    event.sequenceNumber(),
                    event.kind().name(),
                    event.before() == null ? null : texts(page.columns(), event.before()),
                    event.after() == null ? null : texts(page.columns(), event.after())));
        }
        return new ChangeConnection(
                header(page.columns()),
                changes,
                page.fromSnapshot() == null ? null : page.fromSnapshot().toString(),
                page.toSnapshot() == null ? null : page.toSnapshot().toString(),
                new PageInfo(page.next() != null, page.next() == null ? null : Cursors.of(page.next())));
    }

    /** The columns of a page of rows or changes: name and type. */
    private static List<RowColumn> header(List<Column> columns) {
        return columns.stream()
                .map(c -> new RowColumn(c.name(), c.type().toString()))
                .toList();
    }

    private static List<String> texts(List<Column> columns, Object[] values) {
        List<String> texts = new ArrayList<>();
        for (int c = 0; c < values.length; c++) {
            texts.add(values[c] == null ? null : Values.format(columns.get(c).type(), values[c]));
        }
        return texts;
    }

    private static List<IncomingColumn> incoming(List<ColumnInput> columns) {
        List<IncomingColumn> incoming = new ArrayList<>();
        for (ColumnInput column : columns) {
            incoming.add(column == null ? null : new IncomingColumn(column.name(), column.type()));
        }
        return incoming;
    }

    private static List<List<String>> values(List<RowInput> rows) {
        List<List<String>> values = new ArrayList<>();
        for (RowInput row : rows) {
            values.add(row == null ? null : row.values());
        }
        return values;
    }

    private static CommitOutcome outcome(CommitResult result) {
        return new CommitOutcome(
                result.snapshotId().toString(), result.sequenceNumber(), result.rowsAdded(), result.assetRowCount());
    }

    private static AsOf asOf(AsOfInput input) throws InvalidInputException {
        if (input == null) {
            return null;
        }
        if ((input.snapshotId() == null) == (input.timestamp() == null)) {
            throw new InvalidInputException("asOf takes either snapshotId or timestamp");
        }
        UUID snapshot = input.snapshotId() == null ? null : Ids.parse("asOf.snapshotId", input.snapshotId());
        OffsetDateTime at = input.timestamp();
        return new AsOf(snapshot, at == null ? null : at.toInstant());
    }
}
