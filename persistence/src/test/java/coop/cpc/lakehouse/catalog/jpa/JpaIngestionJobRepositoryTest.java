package coop.cpc.lakehouse.catalog.jpa;

import static org.assertj.core.api.Assertions.assertThat;

import coop.cpc.lakehouse.catalog.JpaCatalogFixture;
import coop.cpc.lakehouse.catalog.TimeOrderCursor;
import coop.cpc.lakehouse.catalog.job.IngestionJob;
import coop.cpc.lakehouse.catalog.job.IngestionJobRepository;
import coop.cpc.lakehouse.catalog.job.JobStatus;
import coop.cpc.lakehouse.catalog.job.ScheduleKind;
import coop.cpc.lakehouse.catalog.job.SourceType;
import jakarta.persistence.PersistenceException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class JpaIngestionJobRepositoryTest extends JpaCatalogFixture {

    @BeforeEach
    void emptyCatalog() {
        jpa.truncateAll();
    }

    @Test
    void pagesJobsOfOneStatusInCreationOrder() {
        List<UUID> failed = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            JobStatus status = i % 2 == 0 ? JobStatus.FAILED : JobStatus.SUCCEEDED;
            IngestionJob job = add("job-" + i, status);
            if (status == JobStatus.FAILED) {
                failed.add(job.getId());
            }
        }

        List<List<UUID>> pages = new ArrayList<>();
        TimeOrderCursor cursor = null;
        do {
            TimeOrderCursor after = cursor;
            List<IngestionJob> page =
                    jpa.inTransaction(em -> new JpaIngestionJobRepository(em).page(JobStatus.FAILED, after, 2));
            pages.add(page.stream().map(IngestionJob::getId).toList());
            cursor = page.size() < 2 ? null : IngestionJobRepository.after(page.get(page.size() - 1));
        } while (cursor != null);

        // 4 failed jobs in pages of 2: two full pages, then an empty one that ends the walk.
        assertThat(pages).hasSize(3);
        assertThat(pages.stream().flatMap(List::stream).toList()).containsExactlyElementsOf(failed);
    }

    @Test
    void pagesAllJobsWhenNoStatusIsGiven() {
        List<UUID> all = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            all.add(add("job-" + i, i == 0 ? JobStatus.RUNNING : JobStatus.PENDING)
                    .getId());
        }

        List<IngestionJob> first = jpa.inTransaction(em -> new JpaIngestionJobRepository(em).page(null, null, 3));
        List<IngestionJob> second = jpa.inTransaction(
                em -> new JpaIngestionJobRepository(em).page(null, IngestionJobRepository.after(first.get(2)), 3));

        assertThat(first).extracting(IngestionJob::getId).containsExactlyElementsOf(all.subList(0, 3));
        assertThat(second).extracting(IngestionJob::getId).containsExactlyElementsOf(all.subList(3, 5));
    }

    @Test
    void anUpdateRecordsWhenItWasMadeAndCountsTheVersion() throws InterruptedException {
        IngestionJob job = add("renamed later", JobStatus.PENDING);
        IngestionJob stored = jpa.inTransaction(em -> new JpaIngestionJobRepository(em).find(job.getId()))
                .orElseThrow();
        Thread.sleep(2); // the catalog clock counts microseconds; the update must come visibly later

        jpa.run(em -> new JpaIngestionJobRepository(em)
                .find(job.getId())
                .orElseThrow()
                .setStatus(JobStatus.FAILED));

        IngestionJob updated = jpa.inTransaction(em -> new JpaIngestionJobRepository(em).find(job.getId()))
                .orElseThrow();
        assertThat(updated.getCreatedAt()).isEqualTo(stored.getCreatedAt());
        assertThat(updated.getUpdatedAt()).isAfter(stored.getUpdatedAt());
        assertThat(updated.getVersion()).isEqualTo(stored.getVersion() + 1);
    }

    @Test
    void findsBySchedule() {
        IngestionJob cdc = new IngestionJob("cdc", SourceType.POSTGRES_CDC, "{}", null, "op");
        cdc.schedule(ScheduleKind.REALTIME, null);
        jpa.run(em -> new JpaIngestionJobRepository(em).add(cdc));
        add("manual", JobStatus.PENDING);

        assertThat(jpa.list(em -> new JpaIngestionJobRepository(em).findBySchedule(ScheduleKind.REALTIME)))
                .extracting(IngestionJob::getId)
                .containsExactly(cdc.getId());
    }

    @Test
    void recordingTheNextRunLeavesTheVersionSoThatAnUpdateReadBeforeItStillCommits() {
        IngestionJob job = add("hourly", JobStatus.PENDING);
        Instant next = Instant.parse("2030-01-01T10:00:00.123456Z");
        IngestionJob readBefore = jpa.inTransaction(em -> new JpaIngestionJobRepository(em).find(job.getId()))
                .orElseThrow();

        jpa.run(em -> new JpaIngestionJobRepository(em).recordNextRun(job.getId(), next));

        IngestionJob recorded = jpa.inTransaction(em -> new JpaIngestionJobRepository(em).find(job.getId()))
                .orElseThrow();
        assertThat(recorded.getNextRunAt()).isEqualTo(next);
        assertThat(recorded.getVersion()).isEqualTo(readBefore.getVersion());
        jpa.run(em -> {
            readBefore.setStatus(JobStatus.FAILED);
            em.merge(readBefore);
        });
        IngestionJob updated = jpa.inTransaction(em -> new JpaIngestionJobRepository(em).find(job.getId()))
                .orElseThrow();
        assertThat(updated.getStatus()).isEqualTo(JobStatus.FAILED);
        assertThat(updated.getVersion()).isEqualTo(readBefore.getVersion() + 1);
    }

    @Test
    void aWriteOfTheJobReadBeforeTheNextRunWasRecordedKeepsTheRecordedNextRun() {
        IngestionJob job = add("hourly", JobStatus.PENDING);
        Instant next = Instant.parse("2030-01-01T10:00:00.123456Z");

        // The writer reads the job, the schedules record its next run meanwhile, then the writer commits its change.
        jpa.run(em -> {
            IngestionJob readBefore =
                    new JpaIngestionJobRepository(em).find(job.getId()).orElseThrow();
            jpa.run(other -> new JpaIngestionJobRepository(other).recordNextRun(job.getId(), next));
            readBefore.setStatus(JobStatus.FAILED);
        });

        IngestionJob stored = jpa.inTransaction(em -> new JpaIngestionJobRepository(em).find(job.getId()))
                .orElseThrow();
        assertThat(stored.getStatus()).isEqualTo(JobStatus.FAILED);
        assertThat(stored.getNextRunAt()).isEqualTo(next);
        assertThat(stored.getVersion()).isEqualTo(job.getVersion() + 1);
    }

    @Test
    void aNewScheduleReadBeforeTheNextRunWasRecordedWritesItsOwnNextRun() {
        IngestionJob job = add("hourly", JobStatus.PENDING);
        Instant recorded = Instant.parse("2030-01-01T10:00:00Z");
        Instant ofTheNewSchedule = Instant.parse("2030-01-01T10:15:00Z");

        jpa.run(em -> {
            IngestionJob readBefore =
                    new JpaIngestionJobRepository(em).find(job.getId()).orElseThrow();
            jpa.run(other -> new JpaIngestionJobRepository(other).recordNextRun(job.getId(), recorded));
            readBefore.schedule(ScheduleKind.INTERVAL, "PT15M");
            readBefore.setNextRunAt(ofTheNewSchedule);
        });

        IngestionJob stored = jpa.inTransaction(em -> new JpaIngestionJobRepository(em).find(job.getId()))
                .orElseThrow();
        assertThat(stored.getSchedule()).isEqualTo(ScheduleKind.INTERVAL);
        assertThat(stored.getNextRunAt()).isEqualTo(ofTheNewSchedule);
    }

    @Test
    void startedJobKeepsItsRunState() {
        IngestionJob job = add("nightly", JobStatus.PENDING);

        jpa.run(em -> {
            IngestionJob loaded =
                    new JpaIngestionJobRepository(em).find(job.getId()).orElseThrow();
            loaded.started(77L, Instant.now());
            loaded.recordProgress(1000, 2);
        });

        IngestionJob reloaded = jpa.inTransaction(em -> new JpaIngestionJobRepository(em).find(job.getId()))
                .orElseThrow();
        assertThat(reloaded.getStatus()).isEqualTo(JobStatus.RUNNING);
        assertThat(reloaded.getLastExecutionId()).isEqualTo(77L);
        assertThat(reloaded.getRowsIngested()).isEqualTo(1000);
        assertThat(reloaded.getErrorCount()).isEqualTo(2);
        assertThat(reloaded.getVersion()).isEqualTo(1);
    }

    @Test
    void findForUpdateMakesASecondLockerWaitButNotAReader() {
        IngestionJob job = add("nightly", JobStatus.PENDING);

        // The first transaction holds the row; the second, with a short lock timeout, may read it but not lock it.
        String[] outcome = jpa.inTransaction(first -> {
            new JpaIngestionJobRepository(first).findForUpdate(job.getId()).orElseThrow();
            String read = jpa.inTransaction(reader -> new JpaIngestionJobRepository(reader)
                    .find(job.getId())
                    .orElseThrow()
                    .getName());
            String locked;
            try {
                locked = jpa.inTransaction(second -> {
                    second.createNativeQuery("SET LOCAL lock_timeout = '1s'").executeUpdate();
                    return new JpaIngestionJobRepository(second)
                            .findForUpdate(job.getId())
                            .orElseThrow()
                            .getName();
                });
            } catch (PersistenceException expected) {
                locked = "waited";
            }
            return new String[] {read, locked};
        });

        assertThat(outcome).containsExactly("nightly", "waited");
        assertThat(jpa.optional(em -> new JpaIngestionJobRepository(em).findForUpdate(job.getId())))
                .as("once the first transaction ended")
                .map(IngestionJob::getName)
                .contains("nightly");
    }

    private static IngestionJob add(String name, JobStatus status) {
        IngestionJob job = new IngestionJob(name, SourceType.FILE_DROP, "{\"directory\": \"in\"}", null, "op");
        job.setStatus(status);
        jpa.run(em -> new JpaIngestionJobRepository(em).add(job));
        return job;
    }
}
