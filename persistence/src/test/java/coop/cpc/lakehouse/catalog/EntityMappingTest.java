package coop.cpc.lakehouse.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import coop.cpc.lakehouse.catalog.asset.AssetType;
import coop.cpc.lakehouse.catalog.asset.Classification;
import coop.cpc.lakehouse.catalog.asset.DataAsset;
import coop.cpc.lakehouse.catalog.asset.StorageFormat;
import coop.cpc.lakehouse.catalog.audit.AuditAction;
import coop.cpc.lakehouse.catalog.audit.AuditLogEntry;
import coop.cpc.lakehouse.catalog.audit.AuditOutcome;
import coop.cpc.lakehouse.catalog.audit.AuditPurpose;
import coop.cpc.lakehouse.catalog.job.IngestionJob;
import coop.cpc.lakehouse.catalog.job.JobStatus;
import coop.cpc.lakehouse.catalog.job.ScheduleKind;
import coop.cpc.lakehouse.catalog.job.SourceType;
import coop.cpc.lakehouse.catalog.lineage.LineageEdge;
import coop.cpc.lakehouse.catalog.lineage.Transformation;
import coop.cpc.lakehouse.catalog.segment.SegmentKind;
import coop.cpc.lakehouse.catalog.segment.WebmSegment;
import coop.cpc.lakehouse.catalog.snapshot.AssetSnapshot;
import coop.cpc.lakehouse.catalog.snapshot.SnapshotOperation;
import jakarta.persistence.OptimisticLockException;
import jakarta.persistence.RollbackException;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Hibernate validates every entity against the migrated schema, then each one round-trips. */
class EntityMappingTest extends JpaCatalogFixture {

    private static final String SCHEMA = "{\"columns\": [{\"name\": \"visit_id\", \"type\": \"BIGINT\","
            + " \"nullable\": false, \"primaryKey\": true, \"pii\": \"NONE\"}]}";
    private static final String SHA = "ab".repeat(32);

    @Test
    void everyEntityRoundTripsWithJsonAndArrays() {
        DataAsset asset = new DataAsset("health", "visits", AssetType.STRUCTURED, Classification.PHI, SCHEMA);
        asset.setDescription("Clinic visits");
        asset.setTags(List.of("clinical", "daily", "clinical"));
        asset.setPrimaryKey(List.of("visit_id"));
        IngestionJob job = new IngestionJob(
                "visits-nightly",
                SourceType.POSTGRES_TABLE,
                "{\"table\": \"public.visits\", \"credentials\": \"alias:clinic-db\"}",
                asset.getId(),
                "op-1");
        job.schedule(ScheduleKind.CRON, "0 0 2 * * ?");
        AssetSnapshot snapshot = AssetSnapshot.first(
                asset.getId(), SnapshotOperation.APPEND, "{\"rowsAdded\": 3, \"segmentsAdded\": 1}", job.getId(), 42L);
        asset.commitSnapshot(snapshot.getId(), 3, 1024);
        WebmSegment segment = new WebmSegment(
                asset.getId(),
                snapshot.getId(),
                "health/visits/s1.webm",
                SegmentKind.DATA,
                3,
                1024,
                SHA,
                "{\"visit_id\": {\"min\": 1, \"max\": 3, \"nulls\": 0}}",
                1);
        LineageEdge edge = new LineageEdge(
                null,
                "postgresql://clinic/db/public.visits",
                asset.getId(),
                Transformation.INGEST,
                "{}",
                "[{\"output\": \"visit_id\", \"inputs\": [\"id\"], \"kind\": \"IDENTITY\"}]",
                job.getId(),
                42L,
                "op-1");
        AuditLogEntry audit = new AuditLogEntry(
                UUID.randomUUID(),
                Instant.now(),
                "hmac-1",
                "operator",
                AuditPurpose.ADMIN,
                AuditAction.WRITE,
                "asset",
                asset.getId().toString(),
                AuditOutcome.SUCCESS,
                "10.0.0.0",
                "{\"fields\": [\"description\"]}",
                null,
                "hash-1");

        jpa.run(em -> {
            em.persist(asset);
            em.persist(job);
            em.persist(snapshot);
            em.persist(segment);
            em.persist(edge);
            em.persist(audit);
        });

        jpa.run(em -> {
            DataAsset a = em.find(DataAsset.class, asset.getId());
            assertThat(a.getNamespace()).isEqualTo("health");
            assertThat(a.getName()).isEqualTo("visits");
            assertThat(a.getDescription()).isEqualTo("Clinic visits");
            assertThat(a.getAssetType()).isEqualTo(AssetType.STRUCTURED);
            assertThat(a.getStorageFormat()).isEqualTo(StorageFormat.WEBM_COLUMNAR);
            assertThat(a.getClassification()).isEqualTo(Classification.PHI);
            assertThat(a.getSchema()).contains("\"visit_id\"").contains("\"primaryKey\"");
            assertThat(a.getTags()).containsExactly("clinical", "daily");
            assertThat(a.getPrimaryKey()).containsExactly("visit_id");
            assertThat(a.getCurrentSnapshotId()).isEqualTo(snapshot.getId());
            assertThat(a.getRowCount()).isEqualTo(3);
            assertThat(a.getByteSize()).isEqualTo(1024);
            assertThat(a.getCreatedAt()).isEqualTo(asset.getCreatedAt());
            assertThat(a.getVersion()).isZero();

            IngestionJob j = em.find(IngestionJob.class, job.getId());
            assertThat(j.getSourceType()).isEqualTo(SourceType.POSTGRES_TABLE);
            assertThat(j.getSourceConfig()).contains("alias:clinic-db");
            assertThat(j.getSchedule()).isEqualTo(ScheduleKind.CRON);
            assertThat(j.getScheduleExpression()).isEqualTo("0 0 2 * * ?");
            assertThat(j.getStatus()).isEqualTo(JobStatus.PENDING);
            assertThat(j.getMaxErrors()).isEqualTo(10);
            assertThat(j.getTargetAssetId()).isEqualTo(asset.getId());
            assertThat(j.getCreatedAt()).isEqualTo(job.getCreatedAt());

            AssetSnapshot s = em.find(AssetSnapshot.class, snapshot.getId());
            assertThat(s.getSequenceNumber()).isEqualTo(1);
            assertThat(s.getParentId()).isNull();
            assertThat(s.getOperation()).isEqualTo(SnapshotOperation.APPEND);
            assertThat(s.getSummary()).contains("\"rowsAdded\"");
            assertThat(s.getSourceJobId()).isEqualTo(job.getId());
            assertThat(s.getSourceExecutionId()).isEqualTo(42L);

            WebmSegment g = em.find(WebmSegment.class, segment.getId());
            assertThat(g.getPath()).isEqualTo("health/visits/s1.webm");
            assertThat(g.getKind()).isEqualTo(SegmentKind.DATA);
            assertThat(g.getSha256()).isEqualTo(SHA);
            assertThat(g.getColumnStatistics()).contains("\"nulls\"");
            assertThat(g.getRemovedSnapshotId()).isNull();

            LineageEdge e = em.find(LineageEdge.class, edge.getId());
            assertThat(e.getSourceAssetId()).isNull();
            assertThat(e.getSourceUri()).isEqualTo("postgresql://clinic/db/public.visits");
            assertThat(e.getTransformation()).isEqualTo(Transformation.INGEST);
            assertThat(e.getColumnMappings()).contains("IDENTITY");
            assertThat(e.getExecutionId()).isEqualTo(42L);

            AuditLogEntry l = em.find(AuditLogEntry.class, audit.getId());
            assertThat(l.getOccurredAt()).isEqualTo(audit.getOccurredAt());
            assertThat(l.getPurpose()).isEqualTo(AuditPurpose.ADMIN);
            assertThat(l.getAction()).isEqualTo(AuditAction.WRITE);
            assertThat(l.getOutcome()).isEqualTo(AuditOutcome.SUCCESS);
            assertThat(l.getDetails()).contains("description");
            assertThat(l.getHash()).isEqualTo("hash-1");
        });
    }

    @Test
    void jsonbIsStoredAsJsonNotAsAString() {
        DataAsset asset = new DataAsset("health", "labs", AssetType.STRUCTURED, Classification.PHI, SCHEMA);
        jpa.run(em -> em.persist(asset));

        Object type = jpa.inTransaction(
                em -> em.createNativeQuery("select jsonb_typeof(schema) from lakehouse.data_assets where id = :id")
                        .setParameter("id", asset.getId())
                        .getSingleResult());

        assertThat(type).isEqualTo("object");
    }

    @Test
    void concurrentUpdateOfAnAssetFailsOnItsVersion() {
        DataAsset asset = new DataAsset("crm", "contacts", AssetType.STRUCTURED, Classification.CONFIDENTIAL, SCHEMA);
        jpa.run(em -> em.persist(asset));
        DataAsset stale = jpa.inTransaction(em -> em.find(DataAsset.class, asset.getId()));

        jpa.run(em -> em.find(DataAsset.class, asset.getId()).setDescription("first"));
        stale.setDescription("second");

        assertThatThrownBy(() -> jpa.run(em -> em.merge(stale)))
                .isInstanceOfAny(OptimisticLockException.class, RollbackException.class);
        assertThat(jpa.inTransaction(em -> em.find(DataAsset.class, asset.getId()))
                        .getVersion())
                .isEqualTo(1);
    }
}
