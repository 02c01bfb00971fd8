package coop.cpc.lakehouse.batch.table;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import coop.cpc.lakehouse.application.ingest.OrphanRejectsCleanup;
import coop.cpc.lakehouse.application.table.OrphanSegmentCleanup;
import coop.cpc.lakehouse.application.table.SegmentFolderRefusedException;
import coop.cpc.lakehouse.catalog.storage.StorageVerdict;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The cleanup's {@code graceMinutes} job parameter is bounded: below an hour it would delete files being written
 * (temporaries, a chunk's files not yet staged), and a bad one fails the run naming the parameter, deleting nothing.
 */
class OrphanSegmentCleanupBatchletTest {
    private final List<Instant> cleanedBefore = new ArrayList<>();
    private final List<Instant> spillCleanedBefore = new ArrayList<>();
    private final List<Instant> rejectsCleanedBefore = new ArrayList<>();
    private final OrphanSegmentCleanupBatchlet batchlet = new OrphanSegmentCleanupBatchlet();

    {
        batchlet.cleanup = new OrphanSegmentCleanup() {
            @Override
            public int removeOrphans(Instant olderThan) {
                cleanedBefore.add(olderThan);
                return 3;
            }

            @Override
            public int removeSpillLeftovers(Instant olderThan) {
                spillCleanedBefore.add(olderThan);
                return 2;
            }
        };
        batchlet.rejects = new OrphanRejectsCleanup() {
            @Override
            public int removeOrphans(Instant olderThan) {
                rejectsCleanedBefore.add(olderThan);
                return 1;
            }
        };
    }

    @Test
    void theRejectsFilesOfRunsTheCatalogNoLongerHasAreRemovedWithTheSameGrace() throws Exception {
        batchlet.graceMinutes = "90";

        batchlet.process();

        assertThat(rejectsCleanedBefore).containsExactlyElementsOf(cleanedBefore);
    }

    @Test
    void noRejectsFileIsRemovedFromAFolderThatIsNotThisCatalogs() throws Exception {
        batchlet.cleanup = new OrphanSegmentCleanup() {
            @Override
            public int removeOrphans(Instant olderThan) throws SegmentFolderRefusedException {
                throw new SegmentFolderRefusedException(
                        new StorageVerdict(StorageVerdict.Kind.FOREIGN, UUID.randomUUID(), UUID.randomUUID(), null));
            }

            @Override
            public int removeSpillLeftovers(Instant olderThan) {
                return 0;
            }
        };
        batchlet.graceMinutes = "";

        assertThat(batchlet.process()).isEqualTo("REFUSED FOREIGN");
        assertThat(rejectsCleanedBefore).isEmpty();
    }

    @Test
    void withoutGraceMinutesFilesOlderThanAnHourAreRemoved() throws Exception {
        batchlet.graceMinutes = "";

        assertThat(batchlet.process()).isEqualTo("REMOVED 3");
        assertAboutAgo(cleanedBefore.get(0), Duration.ofHours(1));
    }

    @Test
    void theSortRunsOfInterruptedAnalysesAreRemovedWithTheSameGrace() throws Exception {
        batchlet.graceMinutes = "120";

        batchlet.process();

        assertThat(spillCleanedBefore).containsExactlyElementsOf(cleanedBefore);
        assertAboutAgo(spillCleanedBefore.get(0), Duration.ofHours(2));
    }

    @Test
    void graceMinutesWithinItsBoundsIsTheGrace() throws Exception {
        batchlet.graceMinutes = " 10080 ";

        batchlet.process();

        assertAboutAgo(cleanedBefore.get(0), Duration.ofDays(7));
    }

    @Test
    void graceMinutesOutsideItsBoundsOrNotANumberIsRefusedNamingItAndNothingIsRemoved() {
        for (String bad : List.of("0", "-1", "59", "10081", "x", "99999999999999999")) {
            batchlet.graceMinutes = bad;

            assertThatThrownBy(batchlet::process)
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("graceMinutes must be a whole number of minutes from 60 to 10080, not " + bad);
        }
        assertThat(cleanedBefore).isEmpty();
    }

    /** Asserts {@code instant} is {@code ago} before now, within a minute. */
    private static void assertAboutAgo(Instant instant, Duration ago) {
        assertThat(instant).isCloseTo(Instant.now().minus(ago), within(1, ChronoUnit.MINUTES));
    }
}
