package coop.cpc.lakehouse.application.adapter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import coop.cpc.lakehouse.adapter.crm.CohortPeriod;
import coop.cpc.lakehouse.application.InvalidInputException;
import coop.cpc.lakehouse.application.asset.AssetAlreadyExistsException;
import coop.cpc.lakehouse.application.asset.ColumnSpec;
import coop.cpc.lakehouse.application.asset.NewAsset;
import coop.cpc.lakehouse.application.asset.PiiCategory;
import coop.cpc.lakehouse.application.asset.UnknownAssetException;
import coop.cpc.lakehouse.application.security.OperationGate;
import coop.cpc.lakehouse.application.table.ResponseTooLargeException;
import coop.cpc.lakehouse.application.table.RowPredicate;
import coop.cpc.lakehouse.application.table.RowsScanned;
import coop.cpc.lakehouse.application.table.TableService;
import coop.cpc.lakehouse.catalog.asset.AssetType;
import coop.cpc.lakehouse.catalog.asset.Classification;
import coop.cpc.lakehouse.catalog.asset.DataAsset;
import coop.cpc.lakehouse.catalog.lineage.Transformation;
import coop.cpc.lakehouse.config.LakehouseSettings;
import jakarta.ejb.SessionContext;
import java.lang.reflect.Proxy;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Predicate;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CrmAdapterServiceTest {
    @TempDir
    Path storage;

    final InMemoryAssetService catalog = new InMemoryAssetService();
    final CrmAdapterService crm = new CrmAdapterService();
    long rowsPerScan;
    /** The i-th row the fake storage holds, in the order of {@link CrmAdapterService#COLUMNS}. */
    java.util.function.LongFunction<Object[]> rowOf =
            i -> new Object[] {"c1", Instant.ofEpochSecond(i), "visit", "web", null, null};

    DataAsset interactions;
    /** How many scans the fake storage answered. */
    int scans;

    @BeforeEach
    void service() throws Exception {
        interactions = catalog.create(AdapterAssets.interactions());
        crm.assets = catalog;
        crm.gate = new OperationGate() {
            @Override
            public void requireRows(String namespace, Classification classification) {}
        };
        // One segment of rowsPerScan rows.
        crm.reader = new AssetRows() {
            @Override
            public ScanEnd scanWhile(
                    DataAsset asset,
                    List<String> columns,
                    List<RowPredicate> where,
                    DecodeBudget budget,
                    Predicate<Object[]> rows) {
                scans++;
                if (rowsPerScan == 0) {
                    return ScanEnd.ALL_READ;
                }
                if (budget.rowsLeft() <= 0) {
                    return ScanEnd.BUDGET_SPENT;
                }
                budget.decoded().accept(rowsPerScan);
                for (long i = 0; i < rowsPerScan; i++) {
                    Object[] full = rowOf.apply(i);
                    if (!rows.test(columns.stream()
                            .map(c -> full[CrmAdapterService.COLUMNS.indexOf(c)])
                            .toArray())) {
                        return ScanEnd.STOPPED;
                    }
                }
                return ScanEnd.ALL_READ;
            }
        };
        crm.settings = LakehouseSettings.from(name ->
                name.equals("data_lakehouse.webm_storage_path") ? Optional.of(storage.toString()) : Optional.empty());
        DerivedAssets derived = new DerivedAssets();
        derived.assets = catalog;
        derived.lineage = catalog;
        derived.catalog = catalog.repository;
        derived.session = (SessionContext) Proxy.newProxyInstance(
                SessionContext.class.getClassLoader(),
                new Class<?>[] {SessionContext.class},
                (proxy, method, args) -> null);
        crm.derived = derived;
    }

    @Test
    void returnsAJourneyOfAsManyInteractionsAsTheBound() throws Exception {
        rowsPerScan = CrmAdapterService.MAX_JOURNEY_INTERACTIONS;

        assertThat(crm.customerJourney(interactions.getId(), "c1", Long.MAX_VALUE)
                        .interactions())
                .hasSize(CrmAdapterService.MAX_JOURNEY_INTERACTIONS);
    }

    @Test
    void refusesAJourneyPastTheBoundAsInvalidInputNamingIt() {
        rowsPerScan = CrmAdapterService.MAX_JOURNEY_INTERACTIONS + 1L;

        assertThatThrownBy(() -> crm.customerJourney(interactions.getId(), "c1", Long.MAX_VALUE))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("customer c1 has more than 100000 interactions in crm.");
    }

    /** c1's three interactions with a 1,000-character outcome: 160 + 2 + 5 + 3 + 1,000 bytes each. */
    @Test
    void refusesAJourneyOverTheResponseBytesLeftAsResponseTooLarge() throws Exception {
        rowsPerScan = 3;
        rowOf = i -> new Object[] {"c1", Instant.ofEpochSecond(i), "visit", "web", "x".repeat(1_000), null};

        assertThat(crm.customerJourney(interactions.getId(), "c1", 3_510).responseBytes())
                .isEqualTo(3_510);
        assertThatThrownBy(() -> crm.customerJourney(interactions.getId(), "c1", 3_509))
                .isInstanceOf(ResponseTooLargeException.class)
                .hasMessage("customerJourney: the customer's interactions in crm.interactions would exceed the 3509"
                        + " bytes left of graphql_max_response_bytes after 2 interactions; ask for fewer customers in"
                        + " one request");
    }

    /**
     * The interactions asset as real segments (one per list, row groups of 256) of one interaction per customer id,
     * read by the real AssetRows, in a request whose graphql_max_scan_rows is 1,024.
     */
    private void stored(List<List<String>> segments) throws Exception {
        List<List<Object[]>> rows = new java.util.ArrayList<>();
        for (List<String> customers : segments) {
            rows.add(customers.stream()
                    .map(c -> new Object[] {c, Instant.ofEpochSecond(1), "visit", null, null, null})
                    .toList());
        }
        crm.reader = StoredSegments.of(interactions, storage, 256, rows);
        crm.settings = LakehouseSettings.from(name -> Optional.ofNullable(Map.of(
                        "data_lakehouse.webm_storage_path",
                        storage.toString(),
                        "data_lakehouse.graphql_max_scan_rows",
                        "1024")
                .get(name)));
        crm.rowsScanned = new RowsScanned();
    }

    private static List<String> all(String customer) {
        return java.util.Collections.nCopies(1024, customer);
    }

    /** The request's first journey is bounded like the others: one that fits the budget completes, using it all. */
    @Test
    void completesTheRequestsFirstJourneyWhoseRowGroupsFitTheBudgetAndLeavesNothingForTheNext() throws Exception {
        stored(List.of(all("c1")));

        assertThat(crm.customerJourney(interactions.getId(), "c1", Long.MAX_VALUE)
                        .interactions())
                .hasSize(1_024);
        assertThat(crm.rowsScanned.count()).isEqualTo(1_024);
        assertThatThrownBy(() -> crm.customerJourney(interactions.getId(), "c1", Long.MAX_VALUE))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("more than the 0 stored rows left");
    }

    /** Three segments of c1 hold 3,072 rows: the first fits the 1,024 and is decoded, the second is refused unread. */
    @Test
    void refusesTheRequestsFirstJourneyWhoseRowGroupsExceedTheBudgetBeforeDecodingPastIt() throws Exception {
        stored(List.of(all("c1"), all("c1"), all("c1")));

        assertThatThrownBy(() -> crm.customerJourney(interactions.getId(), "c1", Long.MAX_VALUE))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage("customerJourney: the row groups of crm.interactions that may hold the customer's"
                        + " interactions hold more than the 1024 stored rows left of graphql_max_scan_rows (1024 per"
                        + " request, shared with rows): ask for this customer in a request of its own, raise"
                        + " graphql_max_scan_rows, or use createCustomerJourneyAnalytics");
        assertThat(crm.rowsScanned.count()).isEqualTo(1_024);
    }

    /** The second segment holds only zz: pruned, it costs nothing, and the first fits the 1,024 rows exactly. */
    @Test
    void completesALaterJourneyWhoseRowGroupsFitWhatIsLeft() throws Exception {
        stored(List.of(all("c1"), all("zz")));

        assertThat(crm.customerJourney(interactions.getId(), "c1", Long.MAX_VALUE)
                        .interactions())
                .hasSize(1_024);
        assertThat(crm.rowsScanned.count()).isEqualTo(1_024);
    }

    @Test
    void completesALaterJourneyWhoseRowGroupsAreAllRuledOutWhenNothingIsLeft() throws Exception {
        stored(List.of(all("aa"), all("zz")));
        crm.rowsScanned.add(1_024);

        assertThat(crm.customerJourney(interactions.getId(), "c1", Long.MAX_VALUE)
                        .interactions())
                .isEmpty();
        assertThat(crm.rowsScanned.count()).isEqualTo(1_024);
    }

    @Test
    void refusesALaterJourneyWhoseRowGroupsExceedWhatIsLeftBeforeDecodingThem() throws Exception {
        stored(List.of(all("c1")));
        crm.rowsScanned.add(1);

        assertThatThrownBy(() -> crm.customerJourney(interactions.getId(), "c1", Long.MAX_VALUE))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage("customerJourney: the row groups of crm.interactions that may hold the customer's"
                        + " interactions hold more than the 1023 stored rows left of graphql_max_scan_rows (1024 per"
                        + " request, shared with rows): ask for this customer in a request of its own, raise"
                        + " graphql_max_scan_rows, or use createCustomerJourneyAnalytics");
        assertThat(crm.rowsScanned.count()).isEqualTo(1);
    }

    /** 20 customers with ids of 1,000,000 characters: the 17th passes 16 Mi characters and is written with the 16 before. */
    @Test
    void writesJourneyRowsInBatchesBoundedInCharacters() throws Exception {
        String id = "x".repeat(1_000_000);
        rowsPerScan = 20;
        rowOf = i -> new Object[] {String.format("%02d", i) + id, Instant.ofEpochSecond(i), "visit", "web", null, null};
        List<Integer> appended = new java.util.ArrayList<>();
        crm.writer = (TableService) Proxy.newProxyInstance(
                TableService.class.getClassLoader(), new Class<?>[] {TableService.class}, (proxy, method, args) -> {
                    if (method.getName().equals("append")) {
                        appended.add(((List<?>) args[2]).size());
                    }
                    return null;
                });

        crm.createCustomerJourneyAnalytics(interactions.getId(), List.of());

        assertThat(appended).containsExactly(17, 3);
    }

    @Test
    void refusesAFunnelStepTooLongOrHoldingANulBeforeReadingTheSource() {
        rowsPerScan = 10;
        String longStep = "x".repeat(1025);

        assertThatThrownBy(() -> crm.createCustomerJourneyAnalytics(interactions.getId(), List.of("visit", longStep)))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage("funnelSteps: step 2 has 1025 characters; at most 1024 are allowed");
        assertThatThrownBy(() -> crm.createCustomerJourneyAnalytics(interactions.getId(), List.of("vi\0sit")))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage("funnelSteps (step 1) must not contain NUL characters (U+0000, at index 2)");
        assertThat(scans).as("scans of the source").isZero();
        assertThatThrownBy(() -> catalog.get("crm", "interactions_journeys"))
                .as("no journeys asset made")
                .isInstanceOf(coop.cpc.lakehouse.application.asset.UnknownAssetException.class);
    }

    @Test
    void replacesItsOwnEarlierJourneyResult() throws Exception {
        UUID first = crm.createCustomerJourneyAnalytics(interactions.getId(), List.of())
                .derivedAssetId();

        UUID second = crm.createCustomerJourneyAnalytics(interactions.getId(), List.of())
                .derivedAssetId();

        assertThat(second).isNotEqualTo(first);
        assertThat(catalog.assets).doesNotContainKey(first).containsKey(second);
    }

    @Test
    void refusesToReplaceAJourneysAssetItDidNotMake() throws Exception {
        DataAsset restricted = someonesAsset("interactions_journeys");

        assertThatThrownBy(() -> crm.createCustomerJourneyAnalytics(interactions.getId(), List.of()))
                .isInstanceOf(AssetAlreadyExistsException.class)
                .hasMessageStartingWith("An asset crm.interactions_journeys exists already and is not an earlier"
                        + " JOURNEY_ANALYTICS result of asset " + interactions.getId());
        assertThat(catalog.assets).containsEntry(restricted.getId(), restricted);
    }

    @Test
    void aCohortAnalysisWhoseSourceADeleteAssetUnderWayRemovesIsRefusedAsAnUnknownAssetNamingIt() {
        // deleteAsset holds the source's row: the lineage edge's lock on it waits until the deletion has committed.
        catalog.whileReferenceLockWaits = () -> catalog.assets.remove(interactions.getId());

        assertThatThrownBy(() -> crm.cohortAnalysis(interactions.getId(), CohortPeriod.MONTH))
                .isInstanceOf(UnknownAssetException.class)
                .hasMessageContaining(interactions.getId().toString())
                .hasMessageContaining("deleted while the result was made");
        assertThat(catalog.assets).isEmpty();
        assertThat(catalog.edges).isEmpty();
    }

    @Test
    void refusesToReplaceACohortsAssetItDidNotMakeButReplacesItsOwn() throws Exception {
        UUID own = crm.cohortAnalysis(interactions.getId(), CohortPeriod.MONTH).derivedAssetId();
        DataAsset restricted = someonesAsset("interactions_cohorts_week");

        assertThatThrownBy(() -> crm.cohortAnalysis(interactions.getId(), CohortPeriod.WEEK))
                .isInstanceOf(AssetAlreadyExistsException.class)
                .hasMessageContaining("crm.interactions_cohorts_week");
        assertThat(catalog.assets).containsEntry(restricted.getId(), restricted);
        assertThat(crm.cohortAnalysis(interactions.getId(), CohortPeriod.MONTH).derivedAssetId())
                .isNotEqualTo(own);
    }

    @Test
    void refusesToReplaceTheResultOfAnotherSourceOrTransformation() throws Exception {
        DataAsset other = catalog.create(new NewAsset(
                "crm", "other", null, AssetType.STRUCTURED, Classification.INTERNAL, List.of(), List.of()));
        DataAsset journeys = someonesAsset("interactions_journeys");
        crm.derived.addLineage(other.getId(), journeys.getId(), Transformation.JOURNEY_ANALYTICS, "{}", "[]");
        crm.derived.addLineage(interactions.getId(), journeys.getId(), Transformation.COHORT_ANALYSIS, "{}", "[]");

        assertThatThrownBy(() -> crm.createCustomerJourneyAnalytics(interactions.getId(), List.of()))
                .isInstanceOf(AssetAlreadyExistsException.class);
        assertThat(catalog.assets).containsKey(journeys.getId());
    }

    /** An asset of the result's name that an admin made by hand, RESTRICTED. */
    private DataAsset someonesAsset(String name) throws Exception {
        return catalog.create(new NewAsset(
                "crm",
                name,
                null,
                AssetType.STRUCTURED,
                Classification.RESTRICTED,
                List.of(AdapterAssets.col(
                        "id", "int64", false, false, coop.cpc.lakehouse.application.asset.PiiCategory.NONE)),
                List.of()));
    }

    @Test
    void refusesACohortAnalysisSpanningMoreThanTheBoundAsInvalidInput() {
        rowsPerScan = 2;
        rowOf = i -> new Object[] {
            "c" + i, Instant.parse(i == 0 ? "2026-01-05T00:00:00Z" : "9999-12-31T00:00:00Z"), "visit", "web", null, null
        };

        assertThatThrownBy(() -> crm.cohortAnalysis(interactions.getId(), CohortPeriod.WEEK))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageStartingWith("crm.interactions: the interactions span ");
        assertThat(catalog.assets.values()).noneMatch(a -> a.getName().startsWith("interactions_cohorts"));
    }

    /** Week 2026-01-05 and, in another segment, a year 9999 typo: the footers' statistics alone refuse it. */
    @Test
    void refusesACohortAnalysisWhoseStoredTimestampsSpanMoreThanTheBoundBeforeReadingAnyRow() throws Exception {
        int[] storedScans = {0};
        crm.reader = StoredSegments.stored(
                interactions,
                storage,
                256,
                List.of(
                        StoredSegments.Stored.data(
                                1,
                                new Object[] {"c1", Instant.parse("2026-01-05T00:00:00Z"), "visit", null, null, null},
                                new Object[] {"c2", Instant.parse("2026-01-06T00:00:00Z"), "visit", null, null, null}),
                        StoredSegments.Stored.data(
                                1,
                                new Object[] {"c3", Instant.parse("9999-12-31T00:00:00Z"), "visit", null, null, null})),
                new AssetRows() {
                    @Override
                    public ScanEnd scanWhile(
                            DataAsset asset,
                            List<String> columns,
                            List<RowPredicate> where,
                            DecodeBudget budget,
                            Predicate<Object[]> rows)
                            throws InvalidInputException, coop.cpc.lakehouse.application.asset.UnknownAssetException {
                        storedScans[0]++;
                        return super.scanWhile(asset, columns, where, budget, rows);
                    }
                });

        assertThatThrownBy(() -> crm.cohortAnalysis(interactions.getId(), CohortPeriod.WEEK))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage("crm.interactions: the interactions span 416063 weeks, from 2026-01-05 to 9999-12-27; a"
                        + " cohort analysis covers at most 1000 (check for timestamps far in the past or future)");
        assertThat(storedScans[0]).isZero();
        assertThat(catalog.assets.values()).noneMatch(a -> a.getName().startsWith("interactions_cohorts"));
    }

    /**
     * Of a keyed asset the statistics bound no current row: the typo corrected by an upsert stays in the older
     * segment (and its statistics) until a compaction, and the analysis goes on over the current rows.
     */
    @Test
    void aTimestampFarOffOnlyInAnUpsertedKeysOlderVersionIsNoRefusal() throws Exception {
        DataAsset keyed = catalog.create(new NewAsset(
                "crm",
                "keyed_interactions",
                null,
                AssetType.TIME_SERIES,
                Classification.CONFIDENTIAL,
                List.of(
                        AdapterAssets.col("id", "string", false, true, PiiCategory.NONE),
                        AdapterAssets.col("customer_id", "string", false, false, PiiCategory.DIRECT_IDENTIFIER),
                        AdapterAssets.col("timestamp", "timestamp_ms", false, false, PiiCategory.QUASI_IDENTIFIER)),
                List.of()));
        crm.reader = StoredSegments.stored(
                keyed,
                storage,
                256,
                List.of(
                        StoredSegments.Stored.data(
                                1,
                                new Object[] {"i1", "c1", Instant.parse("9999-12-31T00:00:00Z")},
                                new Object[] {"i2", "c2", Instant.parse("2026-01-05T00:00:00Z")}),
                        StoredSegments.Stored.data(
                                2, new Object[] {"i1", "c1", Instant.parse("2026-02-02T00:00:00Z")})));
        crm.writer = (TableService) Proxy.newProxyInstance(
                TableService.class.getClassLoader(),
                new Class<?>[] {TableService.class},
                (proxy, method, args) -> null);

        assertThat(crm.cohortAnalysis(keyed.getId(), CohortPeriod.MONTH)
                        .report()
                        .lastPeriod())
                .isEqualTo("2026-02");
    }

    /** Where the statistics bound nothing, the interaction that makes the span too long stops the read: not sorted. */
    @Test
    void refusesACohortAnalysisSpanningMoreThanTheBoundAtTheFirstInteractionReadBeyondIt() {
        rowsPerScan = 1_000_000;
        long[] handed = {0};
        rowOf = i -> {
            handed[0]++;
            return new Object[] {
                "c" + i,
                Instant.parse(i == 1 ? "9999-12-31T00:00:00Z" : "2026-01-05T00:00:00Z"),
                "visit",
                "web",
                null,
                null
            };
        };

        assertThatThrownBy(() -> crm.cohortAnalysis(interactions.getId(), CohortPeriod.WEEK))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageStartingWith("crm.interactions: the interactions span 416063 weeks");
        assertThat(handed[0]).isEqualTo(2);
    }

    @Test
    void refusesATimestampColumnOfAnotherTypeAsInvalidInputNamingIt() throws Exception {
        DataAsset dated = interactionsWith("dated", "timestamp", "date");
        rowsPerScan = 1;
        rowOf = i -> new Object[] {"c1", java.time.LocalDate.of(2026, 1, 5), "visit", "web", null, null};

        assertThatThrownBy(() -> crm.cohortAnalysis(dated.getId(), CohortPeriod.MONTH))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage("asset crm.dated: column timestamp is of type date, expected timestamp_ms or timestamp_us");
        assertThatThrownBy(() -> crm.customerJourney(dated.getId(), "c1", Long.MAX_VALUE))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("column timestamp is of type date");
    }

    @Test
    void refusesAnInteractionTypeColumnThatIsNotTextAsInvalidInputNamingIt() throws Exception {
        DataAsset typed = interactionsWith("typed", "interaction_type", "int32");

        assertThatThrownBy(() -> crm.createCustomerJourneyAnalytics(typed.getId(), List.of()))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage("asset crm.typed: column interaction_type is of type int32, expected string");
    }

    @Test
    void refusesACustomerIdColumnOfBytesAsInvalidInputNamingIt() throws Exception {
        // Bytes have no value equality as Java objects: each interaction would be its own customer ("[B@...").
        DataAsset binary = interactionsWith("binary", "customer_id", "bytes");

        assertThatThrownBy(() -> crm.createCustomerJourneyAnalytics(binary.getId(), List.of()))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage("asset crm.binary: column customer_id is of type bytes, expected string, int32 or int64");
        assertThatThrownBy(() -> crm.cohortAnalysis(binary.getId(), CohortPeriod.MONTH))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("column customer_id is of type bytes");
    }

    @Test
    void refusesAValueColumnThatIsNotANumberAsInvalidInputNamingIt() throws Exception {
        DataAsset texted = interactionsWith("texted", "value", "string");

        assertThatThrownBy(() -> crm.createCustomerJourneyAnalytics(texted.getId(), List.of()))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage("asset crm.texted: column value is of type string,"
                        + " expected int32, int64, float32, float64 or decimal");
    }

    @Test
    void readsAnInt64CustomerIdAsItsNumberAndAcceptsAnInt32OrDecimalValue() throws Exception {
        DataAsset numbered = interactionsWith("numbered", "customer_id", "int64");
        DataAsset counted = interactionsWith("counted", "value", "int32");
        DataAsset priced = interactionsWith("priced", "value", "decimal(12,2)");
        rowsPerScan = 2;
        rowOf = i -> new Object[] {
            42L, Instant.ofEpochSecond(i), "visit", "web", null, i == 0 ? (Object) 7 : new java.math.BigDecimal("1.50")
        };

        assertThat(crm.customerJourney(numbered.getId(), "42", Long.MAX_VALUE).interactions())
                .extracting(
                        coop.cpc.lakehouse.adapter.crm.Interaction::customerId,
                        coop.cpc.lakehouse.adapter.crm.Interaction::value)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("42", 7.0), org.assertj.core.groups.Tuple.tuple("42", 1.5));
        rowsPerScan = 0;
        assertThat(crm.createCustomerJourneyAnalytics(counted.getId(), List.of())
                        .report()
                        .customers())
                .isZero();
        assertThat(crm.createCustomerJourneyAnalytics(priced.getId(), List.of())
                        .report()
                        .customers())
                .isZero();
    }

    @Test
    void aJourneySkipsInteractionsWithoutATimestamp() throws Exception {
        rowsPerScan = 3;
        rowOf = i -> new Object[] {"c1", i == 1 ? null : Instant.ofEpochSecond(i), "visit", "web", null, null};

        assertThat(crm.customerJourney(interactions.getId(), "c1", Long.MAX_VALUE)
                        .interactions())
                .hasSize(2);
    }

    @Test
    void aJourneyReadsAnAssetOfOnlyCustomerAndTimestamp() throws Exception {
        DataAsset bare = catalog.create(new NewAsset(
                "crm",
                "bare",
                null,
                AssetType.STRUCTURED,
                Classification.INTERNAL,
                List.of(
                        AdapterAssets.col("customer_id", "string", false, false, PiiCategory.NONE),
                        AdapterAssets.col("timestamp", "timestamp_us", false, false, PiiCategory.NONE)),
                List.of()));
        rowsPerScan = 2;

        assertThat(crm.customerJourney(bare.getId(), "c1", Long.MAX_VALUE).interactions())
                .extracting(coop.cpc.lakehouse.adapter.crm.Interaction::type)
                .containsExactly(null, null);
    }

    /** An interactions asset with all the columns, one of them of another type. */
    private DataAsset interactionsWith(String name, String column, String type) throws Exception {
        List<ColumnSpec> columns = new java.util.ArrayList<>();
        for (String c : CrmAdapterService.COLUMNS) {
            String t = c.equals(column)
                    ? type
                    : c.equals("timestamp") ? "timestamp_us" : c.equals("value") ? "float64" : "string";
            columns.add(AdapterAssets.col(c, t, true, false, PiiCategory.NONE));
        }
        return catalog.create(
                new NewAsset("crm", name, null, AssetType.STRUCTURED, Classification.INTERNAL, columns, List.of()));
    }
}
