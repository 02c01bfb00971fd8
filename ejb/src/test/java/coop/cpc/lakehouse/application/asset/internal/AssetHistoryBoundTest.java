package coop.cpc.lakehouse.application.asset.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import coop.cpc.lakehouse.application.InvalidInputException;
import coop.cpc.lakehouse.application.testing.InMemoryCatalog;
import coop.cpc.lakehouse.catalog.snapshot.AssetSnapshot;
import coop.cpc.lakehouse.catalog.snapshot.SnapshotOperation;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Snapshots are never deleted (every CDC batch adds one): an asset's history is read in bounded pieces. */
class AssetHistoryBoundTest {
    private final InMemoryCatalog catalog = new InMemoryCatalog();
    private final DefaultAssetService service = AssetServiceFixture.wired(catalog);

    @Test
    void anAssetsSnapshotsAreItsNewestOldestFirst() throws Exception {
        UUID asset = UUID.randomUUID();
        List<AssetSnapshot> history = new ArrayList<>();
        history.add(AssetSnapshot.first(asset, SnapshotOperation.APPEND, "{}", null, null));
        for (int i = 0; i < 4; i++) {
            history.add(AssetSnapshot.after(history.get(i), SnapshotOperation.APPEND, "{}", null, null));
        }
        history.forEach(catalog.snapshots::add);

        assertThat(service.snapshots(List.of(asset), 2).get(asset)).containsExactlyElementsOf(history.subList(3, 5));
    }

    @Test
    void aHistoryBoundOutsideOneToTheMaximumPageSizeIsBadInput() {
        assertThatThrownBy(() -> service.snapshots(List.of(UUID.randomUUID()), 0))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage("last must be from 1 to 500, not 0");
        assertThatThrownBy(() -> service.segments(List.of(UUID.randomUUID()), 501))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage("last must be from 1 to 500, not 501");
    }
}
