package coop.cpc.lakehouse.application.table;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import coop.cpc.lakehouse.application.testing.InMemoryCatalog;
import coop.cpc.lakehouse.catalog.asset.AssetType;
import coop.cpc.lakehouse.catalog.asset.DataAsset;
import coop.cpc.lakehouse.catalog.snapshot.SnapshotOperation;
import jakarta.ejb.SessionContext;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A commit inside the caller's transaction that is refused marks that transaction rollback-only: its refusal is a
 * checked exception, on which the container would otherwise commit what the caller recorded before (an ingestion
 * run's earlier groups).
 */
class TableCommitsRefusalTest {
    private final InMemoryCatalog catalog = new InMemoryCatalog();
    private final TableCommits commits = new TableCommits(catalog.assets, catalog.snapshots, catalog.segments);
    private final List<String> calls = new ArrayList<>();

    @Test
    void aRefusedCommitOnCurrentMarksTheCallersTransactionRollbackOnly() {
        commits.context = recordingContext();
        DataAsset asset = catalog.addAsset(
                "plant",
                "tree",
                AssetType.STRUCTURED,
                "{\"columns\":[{\"name\":\"name\",\"type\":\"int64\",\"nullable\":true}]}");
        StagedSegment asString = new StagedSegment(
                "plant/tree/data/1.webm", 1, 100, "a".repeat(64), "{\"name\":{\"type\":\"string\",\"nullCount\":0}}");

        assertThatThrownBy(() -> commits.commitOnCurrent(
                        asset.getId(), SnapshotOperation.APPEND, List.of(), List.of(asString), null, 5L, null))
                .isInstanceOf(SchemaMismatchException.class);

        assertThat(calls).containsExactly("setRollbackOnly");
    }

    @Test
    void anAcceptedCommitOnCurrentLeavesTheCallersTransactionAlone() throws Exception {
        commits.context = recordingContext();
        DataAsset asset = catalog.addAsset("plant", "tree", AssetType.SEMI_STRUCTURED, "{}");

        commits.commitOnCurrent(
                asset.getId(),
                SnapshotOperation.APPEND,
                List.of(),
                List.of(new StagedSegment("plant/tree/1.webm", 10, 100, "a".repeat(64), "{}")),
                null,
                5L,
                null);

        assertThat(calls).isEmpty();
    }

    private SessionContext recordingContext() {
        return (SessionContext) Proxy.newProxyInstance(
                SessionContext.class.getClassLoader(), new Class<?>[] {SessionContext.class}, (p, m, a) -> {
                    calls.add(m.getName());
                    return null;
                });
    }
}
