package coop.cpc.lakehouse.application.adapter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import coop.cpc.lakehouse.application.InvalidInputException;
import coop.cpc.lakehouse.application.security.OperationGate;
import coop.cpc.lakehouse.application.table.RowPredicate;
import coop.cpc.lakehouse.catalog.asset.Classification;
import coop.cpc.lakehouse.catalog.asset.DataAsset;
import coop.cpc.lakehouse.config.LakehouseSettings;
import jakarta.ejb.SessionContext;
import java.lang.reflect.Proxy;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CrmAdapterServiceTest {
    @TempDir
    Path storage;

    final InMemoryAssetService catalog = new InMemoryAssetService();
    final CrmAdapterService crm = new CrmAdapterService();
    long rowsPerScan;
    DataAsset interactions;

    @BeforeEach
    void service() throws Exception {
        interactions = catalog.create(AdapterAssets.interactions());
        crm.assets = catalog;
        crm.gate = new OperationGate() {
            @Override
            public void requireRows(String namespace, Classification classification) {}
        };
        crm.reader = new AssetRows() {
            @Override
            public long scan(DataAsset asset, List<String> columns, List<RowPredicate> where, Consumer<Object[]> rows) {
                for (long i = 0; i < rowsPerScan; i++) {
                    rows.accept(new Object[] {"c1", Instant.ofEpochSecond(i), "visit", "web", null, null});
                }
                return rowsPerScan;
            }
        };
        crm.settings = LakehouseSettings.from(name ->
                name.equals("data_lakehouse.webm_storage_path") ? Optional.of(storage.toString()) : Optional.empty());
        DerivedAssets derived = new DerivedAssets();
        derived.assets = catalog;
        derived.lineage = catalog;
        derived.session = (SessionContext) Proxy.newProxyInstance(
                SessionContext.class.getClassLoader(),
                new Class<?>[] {SessionContext.class},
                (proxy, method, args) -> null);
        crm.derived = derived;
    }

    @Test
    void returnsAJourneyOfAsManyInteractionsAsTheBound() throws Exception {
        rowsPerScan = CrmAdapterService.MAX_JOURNEY_INTERACTIONS;

        assertThat(crm.customerJourney(interactions.getId(), "c1")).hasSize(CrmAdapterService.MAX_JOURNEY_INTERACTIONS);
    }

    @Test
    void refusesAJourneyPastTheBoundAsInvalidInputNamingIt() {
        rowsPerScan = CrmAdapterService.MAX_JOURNEY_INTERACTIONS + 1L;

        assertThatThrownBy(() -> crm.customerJourney(interactions.getId(), "c1"))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("customer c1 has more than 100000 interactions in crm.");
    }
}
