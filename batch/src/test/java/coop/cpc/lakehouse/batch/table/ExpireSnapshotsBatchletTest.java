package coop.cpc.lakehouse.batch.table;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import coop.cpc.lakehouse.application.Page;
import coop.cpc.lakehouse.application.asset.AssetService;
import coop.cpc.lakehouse.application.table.ExpiryResult;
import coop.cpc.lakehouse.application.table.SegmentFolderRefusedException;
import coop.cpc.lakehouse.application.table.StorageNotOwnedException;
import coop.cpc.lakehouse.application.table.TableService;
import coop.cpc.lakehouse.catalog.asset.AssetType;
import coop.cpc.lakehouse.catalog.asset.Classification;
import coop.cpc.lakehouse.catalog.asset.DataAsset;
import coop.cpc.lakehouse.catalog.storage.StorageVerdict;
import coop.cpc.lakehouse.config.LakehouseSettings;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The daily expiry expires every asset, then deletes the rows expired longer ago than the record days. */
class ExpireSnapshotsBatchletTest {

    @Test
    void expiresEveryAssetInPagesTheServiceAcceptsThenDeletesTheRowsExpiredBeforeTheRecordDays() throws Exception {
        DataAsset asset = new DataAsset("crm", "accounts", AssetType.STRUCTURED, Classification.INTERNAL, "{}");
        List<String> calls = new ArrayList<>();
        List<Instant> deletedBefore = new ArrayList<>();
        ExpireSnapshotsBatchlet batchlet = new ExpireSnapshotsBatchlet();
        batchlet.settings = LakehouseSettings.from(name -> Optional.ofNullable(Map.of(
                        "data_lakehouse.snapshot_retention_days", "30",
                        "data_lakehouse.expired_snapshot_record_days", "3",
                        "data_lakehouse.graphql_max_page_size", "100")
                .get(name)));
        List<Integer> pageSizes = new ArrayList<>();
        batchlet.assets = fake(AssetService.class, (method, args) -> {
            calls.add(method);
            pageSizes.add((Integer) args[3]);
            return new Page<>(List.of(asset), false);
        });
        batchlet.tables = fake(TableService.class, (method, args) -> {
            calls.add(method);
            if (method.equals("deleteExpiredSnapshots")) {
                deletedBefore.add((Instant) args[0]);
                return 5L;
            }
            return new ExpiryResult(2, 1, 10);
        });

        String exit = batchlet.process();

        assertThat(exit).isEqualTo("EXPIRED 2 SNAPSHOTS, DELETED 1 SEGMENTS, DELETED 5 SNAPSHOT RECORDS");
        assertThat(calls).containsExactly("list", "expireSnapshots", "deleteExpiredSnapshots");
        assertThat(pageSizes).as("pages the asset service accepts").containsExactly(100);
        assertThat(deletedBefore.get(0))
                .isCloseTo(Instant.now().minus(Duration.ofDays(3)), within(1, ChronoUnit.MINUTES));
    }

    @Test
    void aFolderAnotherCatalogMarkedEndsTheJobRefusedWithoutExpiringAnotherAsset() throws Exception {
        DataAsset first = new DataAsset("crm", "accounts", AssetType.STRUCTURED, Classification.INTERNAL, "{}");
        DataAsset second = new DataAsset("crm", "contacts", AssetType.STRUCTURED, Classification.INTERNAL, "{}");
        List<String> calls = new ArrayList<>();
        ExpireSnapshotsBatchlet batchlet = new ExpireSnapshotsBatchlet();
        batchlet.settings = LakehouseSettings.from(name -> Optional.empty());
        batchlet.assets = fake(AssetService.class, (method, args) -> new Page<>(List.of(first, second), false));
        StorageVerdict foreign = new StorageVerdict(
                StorageVerdict.Kind.FOREIGN,
                UUID.fromString("00000000-0000-4000-8000-0000000000e1"),
                UUID.fromString("00000000-0000-4000-8000-0000000000e2"),
                null);
        batchlet.tables = fake(TableService.class, (method, args) -> {
            calls.add(method);
            throw new StorageNotOwnedException(new SegmentFolderRefusedException(foreign));
        });

        String exit = batchlet.process();

        assertThat(exit)
                .startsWith("REFUSED storage-not-owned: webm_storage_path is marked (.lakehouse-catalog) as the segment"
                        + " folder of catalog 00000000-0000-4000-8000-0000000000e2");
        assertThat(calls).containsExactly("expireSnapshots");
    }

    private interface Answer {
        Object answer(String method, Object[] args) throws Exception;
    }

    private static <T> T fake(Class<T> type, Answer answer) {
        return type.cast(Proxy.newProxyInstance(
                type.getClassLoader(),
                new Class<?>[] {type},
                (proxy, method, args) -> answer.answer(method.getName(), args)));
    }
}
