package coop.cpc.lakehouse.web.graphql;

import coop.cpc.lakehouse.application.InvalidInputException;
import coop.cpc.lakehouse.application.asset.AssetAlreadyExistsException;
import coop.cpc.lakehouse.application.cdc.CdcStreamPage;
import coop.cpc.lakehouse.application.cdc.CdcStreamService;
import coop.cpc.lakehouse.application.cdc.NewCdcStream;
import coop.cpc.lakehouse.application.cdc.StreamMetrics;
import coop.cpc.lakehouse.application.cdc.UnknownCdcStreamException;
import coop.cpc.lakehouse.application.security.OperationGate;
import coop.cpc.lakehouse.application.security.Role;
import coop.cpc.lakehouse.web.graphql.dto.CdcStream;
import coop.cpc.lakehouse.web.graphql.dto.CdcStreamInput;
import coop.cpc.lakehouse.web.graphql.dto.CdcStreamTable;
import coop.cpc.lakehouse.web.graphql.dto.CdcStreamUpdateInput;
import coop.cpc.lakehouse.web.graphql.dto.CdcTableCopy;
import coop.cpc.lakehouse.web.graphql.dto.CdcTableCopyState;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.ToLongFunction;
import org.eclipse.microprofile.graphql.DefaultValue;
import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.GraphQLApi;
import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.Mutation;
import org.eclipse.microprofile.graphql.Name;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Query;

/** Change data capture streams (docs/cdc.md): create, change, start, stop, restart, delete, list; the finance adapter. */
@GraphQLApi
@HidesInternalErrors
@Authorized
@ApplicationScoped
public class CdcApi {

    @Inject
    CdcStreamService streams;

    /** The caller's roles: a stream's lastError names its source to admins only. */
    @Inject
    OperationGate gate;

    @Query("cdcStreams")
    @Description("CDC streams, oldest first, with their engines' live state, position and lag: a page of at most "
            + "'first' (1 to the configured maximum page size); the next page starts 'after' the last stream's id.")
    public @NonNull List<@NonNull CdcStream> cdcStreams(
            @Name("first") @DefaultValue("50") int first,
            @Name("after") @Id @Description("id of the last stream of the previous page") String after)
            throws InvalidInputException {
        CdcStreamPage page = streams.page(Ids.parseOptional("after", after), first);
        return page.streams().stream().map(s -> shown(s, page::rows)).toList();
    }

    @Mutation("createCdcStream")
    @Description("Creates a stream (one asset per table, key from the source) and starts it.")
    public @NonNull CdcStream createCdcStream(@Name("input") @NonNull CdcStreamInput input)
            throws InvalidInputException, AssetAlreadyExistsException {
        if (input.tables().stream().anyMatch(t -> t == null)) {
            throw new InvalidInputException("tables must not hold null");
        }
        if (input.tags() != null && input.tags().stream().anyMatch(t -> t == null)) {
            throw new InvalidInputException("tags must not hold null");
        }
        return shown(streams.create(new NewCdcStream(
                input.name(),
                input.url(),
                input.user(),
                input.passwordAlias(),
                input.tables(),
                input.targetNamespace(),
                Assembler.byName(input.snapshotMode(), coop.cpc.lakehouse.application.cdc.CdcStream.SnapshotMode.class),
                input.tags())));
    }

    @Mutation("updateCdcStream")
    @Description("Adds tables to a stream; a running stream restarts with them.")
    public @NonNull CdcStream updateCdcStream(
            @Name("id") @Id @NonNull String id, @Name("input") @NonNull CdcStreamUpdateInput input)
            throws InvalidInputException, UnknownCdcStreamException, AssetAlreadyExistsException {
        return shown(streams.update(Ids.parse("id", id), input.addTables(), null, null));
    }

    @Mutation("startCdcStream")
    @Description("Starts a stopped stream from the offset the catalog holds.")
    public @NonNull CdcStream startCdcStream(@Name("id") @Id @NonNull String id)
            throws InvalidInputException, UnknownCdcStreamException {
        return shown(streams.start(Ids.parse("id", id)));
    }

    @Mutation("stopCdcStream")
    @Description("Stops a stream; its replication slot stays, so nothing is missed until it starts again.")
    public @NonNull CdcStream stopCdcStream(@Name("id") @Id @NonNull String id)
            throws InvalidInputException, UnknownCdcStreamException {
        return shown(streams.stop(Ids.parse("id", id)));
    }

    @Mutation("restartCdcStream")
    @Description("Stops and starts a stream (after a fix of its source, say).")
    public @NonNull CdcStream restartCdcStream(@Name("id") @Id @NonNull String id)
            throws InvalidInputException, UnknownCdcStreamException {
        return shown(streams.restart(Ids.parse("id", id)));
    }

    @Mutation("deleteCdcStream")
    @Description("Stops and deletes a stream (its assets stay); with dropSlot, its replication slot and publication "
            + "on the source go too (docs/cdc.md).")
    public @NonNull CdcStream deleteCdcStream(@Name("id") @Id @NonNull String id, @Name("dropSlot") Boolean dropSlot)
            throws InvalidInputException, UnknownCdcStreamException {
        return shown(streams.delete(Ids.parse("id", id), Boolean.TRUE.equals(dropSlot)));
    }

    @Mutation("createFinanceIngestionJob")
    @Description(
            "The seed's create_finance_ingestion_job: a stream of one table with an initial snapshot into namespace "
                    + "finance, tagged finance and transactions.")
    public @NonNull CdcStream createFinanceIngestionJob(
            @Name("name") @NonNull String name,
            @Name("url") @NonNull String url,
            @Name("user") @NonNull String user,
            @Name("passwordAlias") String passwordAlias,
            @Name("table") @NonNull String table)
            throws InvalidInputException, AssetAlreadyExistsException {
        return shown(streams.createFinanceIngestionJob(name, url, user, passwordAlias, table));
    }

    private static CdcTableCopy copy(coop.cpc.lakehouse.application.cdc.CdcTable table, StreamMetrics metrics) {
        if (table.copyRequestedAt() == null) {
            return null;
        }
        CdcTableCopyState state = table.copyCompletedAt() != null
                ? CdcTableCopyState.COMPLETED
                : metrics != null && table.sourceTable().equals(metrics.copyingTable())
                        ? CdcTableCopyState.COPYING
                        : CdcTableCopyState.PENDING;
        return new CdcTableCopy(
                state,
                table.copyRequestedAt().atOffset(ZoneOffset.UTC),
                table.copyCompletedAt() == null ? null : table.copyCompletedAt().atOffset(ZoneOffset.UTC));
    }

    /** One stream a mutation returns: its tables' row counts in one audited read, however many tables it has. */
    private CdcStream shown(coop.cpc.lakehouse.application.cdc.CdcStream stream) {
        return shown(stream, streams.tableRows(stream)::rows);
    }

    /** The stream with its engine's state and metrics and its tables' {@code rows} (0 for an asset deleted since). */
    private CdcStream shown(coop.cpc.lakehouse.application.cdc.CdcStream stream, ToLongFunction<UUID> rows) {
        StreamMetrics metrics = streams.metrics(stream.id()).orElse(null);
        List<CdcStreamTable> tables = new ArrayList<>();
        for (var table : stream.tables()) {
            tables.add(new CdcStreamTable(
                    table.sourceTable(),
                    table.assetId().toString(),
                    rows.applyAsLong(table.assetId()),
                    copy(table, metrics)));
        }
        Long lsn = metrics == null ? null : metrics.lastLsn();
        return new CdcStream(
                stream.id().toString(),
                stream.name(),
                streams.state(stream.id()).name(),
                stream.slot(),
                stream.publication(),
                lsn == null
                        ? null
                        : Long.toHexString(lsn >>> 32).toUpperCase() + "/"
                                + Long.toHexString(lsn & 0xffffffffL).toUpperCase(),
                metrics == null ? 0 : metrics.lagMs(),
                metrics == null ? 0 : metrics.eventsPerSecond(),
                metrics == null || metrics.lastEventAt() == null
                        ? null
                        : metrics.lastEventAt().atOffset(ZoneOffset.UTC),
                gate.callerRoles().contains(Role.ADMIN) ? stream.lastError() : SourceDetails.hidden(stream.lastError()),
                tables);
    }
}
