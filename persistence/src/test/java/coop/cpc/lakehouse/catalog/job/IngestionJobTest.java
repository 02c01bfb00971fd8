package coop.cpc.lakehouse.catalog.job;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class IngestionJobTest {
    private static final Instant AT = Instant.parse("2026-12-06T07:00:00Z");

    @Test
    void theEndOfItsLastExecutionSetsTheJobsStatus() {
        IngestionJob job = new IngestionJob("orders", SourceType.FILE_DROP, "{}", null, "op");
        job.started(7, AT);

        assertThat(job.ended(7, JobStatus.CANCELLED)).isTrue();
        assertThat(job.getStatus()).isEqualTo(JobStatus.CANCELLED);
    }

    @Test
    void theEndOfAnEarlierExecutionLeavesTheStatusOfTheRunThatReplacedIt() {
        IngestionJob job = new IngestionJob("orders", SourceType.FILE_DROP, "{}", null, "op");
        job.started(7, AT);
        job.started(8, AT.plusSeconds(1));

        assertThat(job.ended(7, JobStatus.FAILED)).isFalse();
        assertThat(job.getStatus()).isEqualTo(JobStatus.RUNNING);
        assertThat(job.getLastExecutionId()).isEqualTo(8L);
    }

    @Test
    void theEndOfAnExecutionWhoseStartWasNeverRecordedStillShows() {
        IngestionJob job = new IngestionJob("orders", SourceType.FILE_DROP, "{}", null, "op");
        assertThat(job.ended(3, JobStatus.FAILED)).isTrue();
        assertThat(job.getStatus()).isEqualTo(JobStatus.FAILED);

        job.started(7, AT);
        job.finished(JobStatus.SUCCEEDED, 1, 0);
        assertThat(job.ended(8, JobStatus.FAILED)).isTrue();
        assertThat(job.getStatus()).isEqualTo(JobStatus.FAILED);
    }
}
