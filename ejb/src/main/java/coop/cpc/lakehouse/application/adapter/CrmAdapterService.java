package coop.cpc.lakehouse.application.adapter;

import coop.cpc.lakehouse.adapter.crm.CohortAnalyzer;
import coop.cpc.lakehouse.adapter.crm.CohortPeriod;
import coop.cpc.lakehouse.adapter.crm.CohortReport;
import coop.cpc.lakehouse.adapter.crm.CustomerJourney;
import coop.cpc.lakehouse.adapter.crm.ExternalSorter;
import coop.cpc.lakehouse.adapter.crm.Interaction;
import coop.cpc.lakehouse.adapter.crm.JourneyAnalyzer;
import coop.cpc.lakehouse.adapter.crm.JourneyReport;
import coop.cpc.lakehouse.adapter.crm.SpillLeftovers;
import coop.cpc.lakehouse.application.FreeText;
import coop.cpc.lakehouse.application.InvalidInputException;
import coop.cpc.lakehouse.application.asset.AssetAlreadyExistsException;
import coop.cpc.lakehouse.application.asset.AssetSchema;
import coop.cpc.lakehouse.application.asset.AssetService;
import coop.cpc.lakehouse.application.asset.ColumnSpec;
import coop.cpc.lakehouse.application.asset.NewAsset;
import coop.cpc.lakehouse.application.asset.PiiCategory;
import coop.cpc.lakehouse.application.asset.UnknownAssetException;
import coop.cpc.lakehouse.application.audit.Audited;
import coop.cpc.lakehouse.application.security.ForbiddenException;
import coop.cpc.lakehouse.application.security.OperationGate;
import coop.cpc.lakehouse.application.table.CommitConflictException;
import coop.cpc.lakehouse.application.table.ResponseSize;
import coop.cpc.lakehouse.application.table.ResponseTooLargeException;
import coop.cpc.lakehouse.application.table.RowPredicate;
import coop.cpc.lakehouse.application.table.RowsScanned;
import coop.cpc.lakehouse.application.table.SchemaMismatchException;
import coop.cpc.lakehouse.application.table.TableService;
import coop.cpc.lakehouse.catalog.asset.AssetType;
import coop.cpc.lakehouse.catalog.asset.DataAsset;
import coop.cpc.lakehouse.catalog.audit.AuditAction;
import coop.cpc.lakehouse.catalog.lineage.Transformation;
import coop.cpc.lakehouse.columnar.Column;
import coop.cpc.lakehouse.config.LakehouseSettings;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * The CRM adapter: interactions in; journey analytics and cohort retention computed by streaming the
 * asset's segments (projection of the needed columns) through an external sort that spills to disk
 * past {@value #SORT_BUFFER_ROWS} rows, so memory does not grow with the asset. Results become derived
 * assets ({@code <source>_journeys}, {@code <source>_cohorts_month|week}, replaced on each run) with
 * lineage from the source.
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class CrmAdapterService {
    /** Interactions held in memory by the sort before it spills a run to disk. */
    public static final int SORT_BUFFER_ROWS = 200_000;
    /** Derived rows written per append, at most. */
    static final int WRITE_BATCH = 100_000;
    /** Characters of customer ids and paths the derived rows of one append hold, at most (plus one row's). */
    static final long WRITE_BATCH_CHARS = 16L << 20;
    /** What an interaction adds to a customerJourney response besides its texts (see {@link #responseBytes}). */
    static final int INTERACTION_RESPONSE_BYTES = 160;
    /** The most interactions one customer's journey returns. */
    public static final int MAX_JOURNEY_INTERACTIONS = 100_000;

    static final List<String> COLUMNS =
            List.of("customer_id", "timestamp", "interaction_type", "channel", "outcome", "value");

    /** Types whose values are equal exactly when their text is: a customer is one text. */
    private static final List<String> CUSTOMER_ID_TYPES = List.of("string", "int32", "int64");

    @EJB
    TableService writer;

    @EJB
    AssetService assets;

    @EJB
    DerivedAssets derived;

    @EJB
    OperationGate gate;

    @Inject
    AssetRows reader;

    @Inject
    LakehouseSettings settings;

    @Inject
    RowsScanned rowsScanned;

    @Audited(action = AuditAction.WRITE, resource = "crm_interactions")
    public ImportResult importInteractions(List<CustomerInteraction> interactions)
            throws InvalidInputException, UnknownAssetException, SchemaMismatchException, CommitConflictException {
        return AdapterImports.importInto(
                derived, writer, AdapterAssets.interactions(), interactions, i -> new String[] {
                    i.customerId(),
                    i.timestamp(),
                    i.interactionType(),
                    i.channel(),
                    i.outcome(),
                    HealthAdapterService.decimal(i.value())
                });
    }

    /**
     * One customer's interactions in time order (ties: ingestion order), read with customer_id pushed down. The
     * scan counts against the request's {@code graphql_max_scan_rows}, shared with the {@code rows} fields: a
     * journey (the request's first too) completes only when the row groups that may hold the customer fit in what
     * is left, and is refused before a segment whose row groups do not. The interactions count against
     * {@code maxResponseBytes} (what is left of {@code graphql_max_response_bytes}).
     */
    @Audited(action = AuditAction.READ, resource = "crm_journey")
    public JourneyInteractions customerJourney(UUID assetId, String customerId, long maxResponseBytes)
            throws InvalidInputException, UnknownAssetException, ForbiddenException, ResponseTooLargeException {
        if (customerId == null || customerId.isEmpty() || customerId.length() > 1024) {
            throw new InvalidInputException("customerId must be 1 to 1024 characters");
        }
        DataAsset asset = readable(assetId);
        String name = asset.getNamespace() + "." + asset.getName();
        List<String> columns = presentColumns(asset);
        List<Interaction> found = new ArrayList<>();
        long[] handed = {0};
        long[] bytes = {0};
        RowsScanned scanned = RowsScanned.of(rowsScanned);
        long scanLeft = Math.max(0, settings.graphqlMaxScanRows() - scanned.count());
        AssetRows.ScanEnd end = reader.scanWhile(
                asset,
                columns,
                List.of(new RowPredicate("customer_id", RowPredicate.Operator.EQ, List.of(customerId))),
                new AssetRows.DecodeBudget(scanLeft, scanned::add),
                row -> {
                    // Rows without a customer or a time count towards the bound but are not part of the journey.
                    if (handed[0] == MAX_JOURNEY_INTERACTIONS) {
                        return false;
                    }
                    handed[0]++;
                    Object[] full = widen(columns, row);
                    if (full[0] != null && full[1] != null) {
                        Interaction interaction = interaction(full, found.size());
                        bytes[0] += responseBytes(interaction);
                        if (bytes[0] > maxResponseBytes) {
                            return false;
                        }
                        found.add(interaction);
                    }
                    return true;
                });
        if (end == AssetRows.ScanEnd.BUDGET_SPENT) {
            throw new InvalidInputException("customerJourney: the row groups of " + name
                    + " that may hold the customer's interactions hold more than the " + scanLeft
                    + " stored rows left of graphql_max_scan_rows (" + settings.graphqlMaxScanRows()
                    + " per request, shared with rows): ask for this customer in a request of its own, raise"
                    + " graphql_max_scan_rows, or use createCustomerJourneyAnalytics");
        }
        if (end == AssetRows.ScanEnd.STOPPED && bytes[0] > maxResponseBytes) {
            throw new ResponseTooLargeException("customerJourney: the customer's interactions in " + name
                    + " would exceed the " + maxResponseBytes + " bytes left of graphql_max_response_bytes after "
                    + found.size() + " interactions; ask for fewer customers in one request");
        }
        if (end == AssetRows.ScanEnd.STOPPED) {
            throw new InvalidInputException("customer " + customerId + " has more than " + MAX_JOURNEY_INTERACTIONS
                    + " interactions in " + name
                    + ", the most customerJourney returns; use createCustomerJourneyAnalytics for this customer");
        }
        found.sort(Interaction.JOURNEY_ORDER);
        return new JourneyInteractions(found, bytes[0]);
    }

    /**
     * An upper bound of the bytes an interaction adds to a {@code customerJourney} response, as if every field
     * were asked: its texts, escaped, and {@value #INTERACTION_RESPONSE_BYTES} for the field names, the
     * timestamp, the value and the punctuation.
     */
    static long responseBytes(Interaction i) {
        return INTERACTION_RESPONSE_BYTES
                + ResponseSize.jsonLength(i.customerId())
                + (i.type() == null ? 0 : ResponseSize.jsonLength(i.type()))
                + (i.channel() == null ? 0 : ResponseSize.jsonLength(i.channel()))
                + (i.outcome() == null ? 0 : ResponseSize.jsonLength(i.outcome()));
    }

    @Audited(action = AuditAction.WRITE, resource = "crm_journey_analytics")
    public JourneyAnalytics createCustomerJourneyAnalytics(UUID assetId, List<String> funnelSteps)
            throws InvalidInputException, UnknownAssetException, ForbiddenException, SchemaMismatchException,
                    CommitConflictException, AssetAlreadyExistsException {
        List<String> steps = funnelSteps == null ? List.of() : funnelSteps;
        if (steps.size() > JourneyAnalyzer.MAX_FUNNEL_STEPS || steps.stream().anyMatch(java.util.Objects::isNull)) {
            throw new InvalidInputException(
                    "funnelSteps: at most " + JourneyAnalyzer.MAX_FUNNEL_STEPS + " interaction types, none null");
        }
        // Checked before the source is read: the steps are stored with the result's lineage (jsonb) and answered.
        for (int s = 0; s < steps.size(); s++) {
            String step = steps.get(s);
            if (step.length() > JourneyAnalyzer.MAX_FUNNEL_STEP_CHARS) {
                throw new InvalidInputException("funnelSteps: step " + (s + 1) + " has " + step.length()
                        + " characters; at most " + JourneyAnalyzer.MAX_FUNNEL_STEP_CHARS + " are allowed");
            }
            FreeText.require("funnelSteps (step " + (s + 1) + ")", step);
        }
        DataAsset source = readable(assetId);
        DataAsset target = replaceDerived(
                source,
                Transformation.JOURNEY_ANALYTICS,
                "_journeys",
                "Customer journeys",
                List.of(
                        AdapterAssets.col("customer_id", "string", false, false, PiiCategory.DIRECT_IDENTIFIER),
                        AdapterAssets.col("interactions", "int64", false, false, PiiCategory.NONE),
                        AdapterAssets.col("first_at", "timestamp_us", false, false, PiiCategory.QUASI_IDENTIFIER),
                        AdapterAssets.col("last_at", "timestamp_us", false, false, PiiCategory.QUASI_IDENTIFIER),
                        AdapterAssets.col("path", "string", false, false, PiiCategory.NONE),
                        AdapterAssets.col("converted", "bool", false, false, PiiCategory.NONE),
                        AdapterAssets.col("funnel_steps_reached", "int32", false, false, PiiCategory.NONE)),
                List.of("crm", "journey", "derived"));
        List<Column> columns = AdapterAssets.storageColumns(target);
        List<Object[]> batch = new ArrayList<>();
        long[] batchChars = {0};
        JourneyReport report;
        boolean recorded = false;
        try {
            try (ExternalSorter<Interaction> sorter = sorter()) {
                read(source, sorter);
                JourneyAnalyzer analyzer = new JourneyAnalyzer(steps, journey -> {
                    batch.add(row(journey));
                    batchChars[0] +=
                            journey.customerId().length() + journey.path().length();
                    // Bounded in characters too: customer ids are the asset's values, of any length.
                    if (batch.size() >= WRITE_BATCH || batchChars[0] >= WRITE_BATCH_CHARS) {
                        flush(target, columns, batch);
                        batchChars[0] = 0;
                    }
                });
                for (Iterator<Interaction> it = sorter.sorted(); it.hasNext(); ) {
                    analyzer.accept(it.next());
                }
                report = analyzer.finish();
            }
            flush(target, columns, batch);
            derived.addLineage(
                    source.getId(),
                    target.getId(),
                    Transformation.JOURNEY_ANALYTICS,
                    "{\"funnelSteps\":" + json(steps) + "}",
                    "[{\"column\":\"customer_id\",\"sourceField\":\"customer_id\",\"derivation\":\"IDENTITY\"},"
                            + "{\"column\":\"path\",\"sourceField\":\"interaction_type, timestamp\",\"derivation\":\"DERIVED\"},"
                            + "{\"column\":\"converted\",\"sourceField\":\"outcome\",\"derivation\":\"DERIVED\"}]");
            recorded = true;
        } finally {
            if (!recorded) {
                // Without its lineage edge a later run could not tell it is its own result and would be refused.
                derived.deleteQuietly(target);
            }
        }
        return new JourneyAnalytics(target.getId(), report);
    }

    @Audited(action = AuditAction.WRITE, resource = "crm_cohort_analysis")
    public CohortAnalysis cohortAnalysis(UUID assetId, CohortPeriod period)
            throws InvalidInputException, UnknownAssetException, ForbiddenException, SchemaMismatchException,
                    CommitConflictException, AssetAlreadyExistsException {
        if (period == null) {
            throw new InvalidInputException("period must be MONTH or WEEK");
        }
        DataAsset source = readable(assetId);
        String sourceName = source.getNamespace() + "." + source.getName();
        // Before any row is read: the span the segments' statistics show the current rows certainly reach.
        Optional<AssetRows.InstantSpan> stored = reader.certainSpan(source, "timestamp", "customer_id");
        if (stored.isPresent()) {
            requireCohortSpan(
                    sourceName,
                    period,
                    period.index(micros(stored.get().first())),
                    period.index(micros(stored.get().last())));
        }
        CohortReport report;
        try (ExternalSorter<Interaction> sorter = sorter()) {
            // Else as the rows are read, before they are sorted (rows that merge-on-read drops do not count).
            long[] span = {Long.MAX_VALUE, Long.MIN_VALUE};
            try {
                read(source, sorter, i -> {
                    long p = period.index(i.epochMicros());
                    span[0] = Math.min(span[0], p);
                    span[1] = Math.max(span[1], p);
                    if (span[1] - span[0] >= CohortAnalyzer.MAX_PERIODS) {
                        throw new SpanTooLong();
                    }
                });
            } catch (SpanTooLong e) {
                requireCohortSpan(sourceName, period, span[0], span[1]);
            }
            CohortAnalyzer analyzer = new CohortAnalyzer(period);
            try {
                for (Iterator<Interaction> it = sorter.sorted(); it.hasNext(); ) {
                    Interaction i = it.next();
                    analyzer.accept(i.customerId(), i.epochMicros());
                }
                report = analyzer.finish();
            } catch (IllegalArgumentException e) {
                throw new InvalidInputException(sourceName + ": " + e.getMessage());
            }
        }
        String word = period.name().toLowerCase(java.util.Locale.ROOT);
        DataAsset target = replaceDerived(
                source,
                Transformation.COHORT_ANALYSIS,
                "_cohorts_" + word,
                "Cohort retention (" + word + "ly)",
                List.of(
                        AdapterAssets.col("cohort", "string", false, false, PiiCategory.NONE),
                        AdapterAssets.col("cohort_start", "date", false, false, PiiCategory.NONE),
                        AdapterAssets.col("cohort_size", "int64", false, false, PiiCategory.NONE),
                        AdapterAssets.col("period_offset", "int32", false, false, PiiCategory.NONE),
                        AdapterAssets.col("active_customers", "int64", false, false, PiiCategory.NONE),
                        AdapterAssets.col("retention", "float64", false, false, PiiCategory.NONE)),
                List.of("crm", "cohort", "derived"));
        List<Object[]> rows = new ArrayList<>();
        for (CohortReport.Cohort c : report.cohorts()) {
            for (int p = 0; p < c.active().size(); p++) {
                rows.add(new Object[] {
                    c.label(),
                    c.start(),
                    c.size(),
                    p,
                    c.active().get(p),
                    c.retention().get(p)
                });
            }
        }
        boolean recorded = false;
        try {
            flush(target, AdapterAssets.storageColumns(target), rows);
            derived.addLineage(
                    source.getId(),
                    target.getId(),
                    Transformation.COHORT_ANALYSIS,
                    "{\"period\":\"" + period + "\"}",
                    "[{\"column\":\"cohort\",\"sourceField\":\"customer_id, timestamp\",\"derivation\":\"DERIVED\"},"
                            + "{\"column\":\"retention\",\"sourceField\":\"customer_id, timestamp\",\"derivation\":\"DERIVED\"}]");
            recorded = true;
        } finally {
            if (!recorded) {
                derived.deleteQuietly(target);
            }
        }
        return new CohortAnalysis(target.getId(), report);
    }

    /**
     * The source, when the caller may read its rows (the analytics read every row) and it is an interactions
     * asset: customer_id of type string, int32 or int64, a timestamp_ms or timestamp_us timestamp, and
     * interaction_type, channel and outcome, where present, of type string, value, where present, a number.
     */
    private DataAsset readable(UUID assetId) throws UnknownAssetException, ForbiddenException, InvalidInputException {
        if (assetId == null) {
            throw new InvalidInputException("assetId is required");
        }
        DataAsset asset = assets.get(assetId);
        gate.requireRows(asset.getNamespace(), asset.getClassification());
        AssetSchema schema = AssetSchema.fromJson(asset.getSchema());
        String what = "asset " + asset.getNamespace() + "." + asset.getName();
        for (String column : List.of("customer_id", "timestamp")) {
            if (schema.column(column).isEmpty()) {
                throw new InvalidInputException(what + " has no column " + column + ": not an interactions asset");
            }
        }
        String timestamp = schema.column("timestamp").orElseThrow().type().name();
        if (!timestamp.equals("timestamp_ms") && !timestamp.equals("timestamp_us")) {
            throw new InvalidInputException(
                    what + ": column timestamp is of type " + timestamp + ", expected timestamp_ms or timestamp_us");
        }
        String customerId = schema.column("customer_id").orElseThrow().type().name();
        if (!CUSTOMER_ID_TYPES.contains(customerId)) {
            throw new InvalidInputException(
                    what + ": column customer_id is of type " + customerId + ", expected string, int32 or int64");
        }
        for (String column : List.of("interaction_type", "channel", "outcome")) {
            Optional<ColumnSpec> spec = schema.column(column);
            if (spec.isPresent() && !spec.get().type().name().equals("string")) {
                throw new InvalidInputException(what + ": column " + column + " is of type "
                        + spec.get().type().name() + ", expected string");
            }
        }
        Optional<String> value = schema.column("value").map(c -> c.type().name());
        if (value.isPresent() && !isNumber(value.get())) {
            throw new InvalidInputException(what + ": column value is of type " + value.get()
                    + ", expected int32, int64, float32, float64 or decimal");
        }
        return asset;
    }

    private static boolean isNumber(String type) {
        return List.of("int32", "int64", "float32", "float64").contains(type) || type.startsWith("decimal(");
    }

    /** The columns of {@link #COLUMNS} the asset has, in that order. */
    private static List<String> presentColumns(DataAsset asset) {
        AssetSchema schema = AssetSchema.fromJson(asset.getSchema());
        return COLUMNS.stream().filter(c -> schema.column(c).isPresent()).toList();
    }

    /** A row of the present columns as a row of all {@link #COLUMNS}, null where the asset lacks one. */
    private static Object[] widen(List<String> columns, Object[] row) {
        Object[] full = new Object[COLUMNS.size()];
        for (int c = 0; c < columns.size(); c++) {
            full[COLUMNS.indexOf(columns.get(c))] = row[c];
        }
        return full;
    }

    private ExternalSorter<Interaction> sorter() {
        Path spill = SpillLeftovers.folder(settings.webmStoragePath());
        return new ExternalSorter<>(Interaction.JOURNEY_ORDER, Interaction.CODEC, SORT_BUFFER_ROWS, spill);
    }

    private void read(DataAsset source, ExternalSorter<Interaction> sorter)
            throws InvalidInputException, UnknownAssetException {
        read(source, sorter, i -> {});
    }

    /** Reads the source's interactions into the sorter, each checked first (the check may throw to stop the read). */
    private void read(DataAsset source, ExternalSorter<Interaction> sorter, Consumer<Interaction> check)
            throws InvalidInputException, UnknownAssetException {
        List<String> columns = presentColumns(source);
        long[] sequence = {0};
        reader.scan(source, columns, List.of(), row -> {
            Object[] full = widen(columns, row);
            if (full[0] != null && full[1] != null) {
                Interaction interaction = interaction(full, sequence[0]++);
                check.accept(interaction);
                sorter.add(interaction);
            }
        });
    }

    /** Refuses interactions spanning more periods than a cohort analysis covers, as invalid input naming the asset. */
    private static void requireCohortSpan(String sourceName, CohortPeriod period, long first, long last)
            throws InvalidInputException {
        try {
            CohortAnalyzer.requireSpan(period, first, last);
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException(sourceName + ": " + e.getMessage());
        }
    }

    /** Stops a cohort analysis's read at the first interaction that makes the span too long. */
    private static final class SpanTooLong extends RuntimeException {
        private static final long serialVersionUID = 1L;

        SpanTooLong() {
            super(null, null, false, false);
        }
    }

    private static long micros(Instant at) {
        return Math.addExact(Math.multiplyExact(at.getEpochSecond(), 1_000_000L), at.getNano() / 1000);
    }

    private static Interaction interaction(Object[] row, long sequence) {
        Instant at = (Instant) row[1];
        Object value = row[5];
        return new Interaction(
                row[0].toString(),
                micros(at),
                (String) row[2],
                (String) row[3],
                (String) row[4],
                value instanceof Number n ? n.doubleValue() : null,
                sequence);
    }

    private static Object[] row(CustomerJourney j) {
        return new Object[] {
            j.customerId(),
            j.interactions(),
            instant(j.firstMicros()),
            instant(j.lastMicros()),
            j.path(),
            j.converted(),
            j.funnelReached()
        };
    }

    private static Instant instant(long micros) {
        return Instant.ofEpochSecond(Math.floorDiv(micros, 1_000_000L), Math.floorMod(micros, 1_000_000L) * 1000);
    }

    private void flush(DataAsset target, List<Column> columns, List<Object[]> batch) {
        if (batch.isEmpty()) {
            return;
        }
        try {
            writer.append(target.getId(), columns, new ArrayList<>(batch), null, null);
        } catch (Exception e) {
            throw new IllegalStateException(
                    "Cannot write the derived asset " + target.getNamespace() + "." + target.getName(), e);
        }
        batch.clear();
    }

    /**
     * A fresh result asset of an analysis of the source (replacing the previous run's, never an asset of
     * that name the analysis did not make): named after the source with the suffix, in its namespace, as
     * classified as the source.
     */
    private DataAsset replaceDerived(
            DataAsset source,
            Transformation transformation,
            String suffix,
            String what,
            List<ColumnSpec> columns,
            List<String> tags)
            throws InvalidInputException, AssetAlreadyExistsException {
        return derived.replace(
                new NewAsset(
                        source.getNamespace(),
                        derivedName(source, suffix),
                        what + " of " + source.getNamespace() + "." + source.getName(),
                        AssetType.STRUCTURED,
                        source.getClassification(),
                        columns,
                        tags),
                source.getId(),
                transformation);
    }

    private static String derivedName(DataAsset source, String suffix) throws InvalidInputException {
        String name = source.getName() + suffix;
        if (name.length() > 63) {
            throw new InvalidInputException(
                    "asset name " + source.getName() + " is too long for its derived asset " + suffix);
        }
        return name;
    }

    private static String json(List<String> values) {
        try {
            return new com.fasterxml.jackson.databind.ObjectMapper().writeValueAsString(values);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
