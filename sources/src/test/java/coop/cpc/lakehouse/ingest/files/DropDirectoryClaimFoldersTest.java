package coop.cpc.lakehouse.ingest.files;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Two runs that meet on one folder never read each other's claims; a run's leftovers go back to the folder unless it committed. */
class DropDirectoryClaimFoldersTest {

    @TempDir
    Path dir;

    @Test
    void aRunSeesOnlyTheFilesItClaimedItself() throws Exception {
        Files.writeString(dir.resolve("a.csv"), "id\n1\n", UTF_8);
        Files.writeString(dir.resolve("b.csv"), "id\n2\n", UTF_8);
        DropDirectory first = new DropDirectory(dir, "*.csv", FileDropLimits.defaults(), q -> {}, "run-1");
        DropDirectory second = new DropDirectory(dir, "*.csv", FileDropLimits.defaults(), q -> {}, "run-2");

        ClaimedFile a = first.claimNext().orElseThrow();
        ClaimedFile b = second.claimNext().orElseThrow();

        assertThat(first.claimNames()).containsExactly(a.claimName());
        assertThat(second.claimNames()).containsExactly(b.claimName());
        assertThat(first.claimNext()).isEmpty();
        assertThat(a.path().getParent()).isEqualTo(dir.toRealPath().resolve("processing/run-1"));
    }

    @Test
    void claimsLeftByAnotherRunGoBackToTheFolderUnderTheirNames() throws Exception {
        Files.writeString(dir.resolve("a.csv"), "id\n1\n", UTF_8);
        DropDirectory abandoned = new DropDirectory(dir, "*.csv", FileDropLimits.defaults(), q -> {}, "run-1");
        abandoned.claimNext().orElseThrow();
        Files.writeString(dir.resolve("a.csv"), "id\n9\n", UTF_8);

        DropDirectory next = new DropDirectory(dir, "*.csv", FileDropLimits.defaults(), q -> {}, "run-2");
        assertThat(next.settleClaimsOfOtherRuns(run -> false)).isEqualTo(new DropDirectory.OtherRunsClaims(1, 0));

        assertThat(Files.readString(dir.resolve("a.csv"))).isEqualTo("id\n9\n");
        assertThat(Files.readString(dir.resolve("a-1.csv"))).isEqualTo("id\n1\n");
        assertThat(dir.resolve("processing/run-1")).doesNotExist();
        assertThat(next.claimNext().orElseThrow().originalName()).isEqualTo("a-1.csv");
    }

    @Test
    void claimsOfARunThatCommittedGoOnToProcessedNotBackToTheFolder() throws Exception {
        Files.writeString(dir.resolve("a.csv"), "id\n1\n", UTF_8);
        Files.writeString(dir.resolve("b.csv"), "id\n2\n", UTF_8);
        DropDirectory committed = new DropDirectory(dir, "*.csv", FileDropLimits.defaults(), q -> {}, "run-1");
        committed.claimNext().orElseThrow();
        DropDirectory failed = new DropDirectory(dir, "*.csv", FileDropLimits.defaults(), q -> {}, "run-2");
        failed.claimNext().orElseThrow();

        DropDirectory next = new DropDirectory(dir, "*.csv", FileDropLimits.defaults(), q -> {}, "run-3");
        assertThat(next.settleClaimsOfOtherRuns("run-1"::equals)).isEqualTo(new DropDirectory.OtherRunsClaims(1, 1));

        assertThat(Files.readString(dir.resolve("processed/a.csv"))).isEqualTo("id\n1\n");
        assertThat(dir.resolve("a.csv")).doesNotExist();
        assertThat(Files.readString(dir.resolve("b.csv"))).isEqualTo("id\n2\n");
        assertThat(dir.resolve("processing/run-1")).doesNotExist();
        assertThat(next.claimNext().orElseThrow().originalName()).isEqualTo("b.csv");
        assertThat(next.claimNext()).isEmpty();
    }

    @Test
    void releaseGivesAClaimBack() throws Exception {
        Files.writeString(dir.resolve("a.csv"), "id\n1\n", UTF_8);
        DropDirectory run = new DropDirectory(dir, "*.csv", FileDropLimits.defaults(), q -> {}, "run-7");
        run.release(run.claimNext().orElseThrow());
        run.removeRunFolder();
        assertThat(dir.resolve("a.csv")).exists();
        assertThat(dir.resolve("processing/run-7")).doesNotExist();
    }

    @Test
    void aNameWithABackslashIsListedAndReclaimedByARestartOfItsRun() throws Exception {
        Files.writeString(dir.resolve("a\\b.csv"), "id\n1\n", UTF_8);
        DropDirectory run = new DropDirectory(dir, "*.csv", FileDropLimits.defaults(), q -> {}, "run-7");
        ClaimedFile claimed = run.claimNext().orElseThrow();

        // the restart of run 7 after the chunk holding the file rolled back
        DropDirectory restarted = new DropDirectory(dir, "*.csv", FileDropLimits.defaults(), q -> {}, "run-7");
        assertThat(restarted.claimNames()).containsExactly(claimed.claimName());
        ClaimedFile again = restarted.reclaim(claimed.claimName());
        assertThat(again.originalName()).isEqualTo("a\\b.csv");
        assertThat(Files.readString(again.path())).isEqualTo("id\n1\n");
    }

    @Test
    void aNameWithABackslashLeftByARunThatWillNotFinishGoesBackToTheFolder() throws Exception {
        Files.writeString(dir.resolve("a\\b.csv"), "id\n1\n", UTF_8);
        new DropDirectory(dir, "*.csv", FileDropLimits.defaults(), q -> {}, "run-7")
                .claimNext()
                .orElseThrow();

        DropDirectory next = new DropDirectory(dir, "*.csv", FileDropLimits.defaults(), q -> {}, "run-8");
        assertThat(next.settleClaimsOfOtherRuns(run -> false)).isEqualTo(new DropDirectory.OtherRunsClaims(1, 0));

        assertThat(dir.resolve("processing/run-7")).doesNotExist();
        assertThat(next.claimNext().orElseThrow().originalName()).isEqualTo("a\\b.csv");
    }

    @Test
    void aNameWithABackslashOfARunThatCommittedGoesOnToProcessed() throws Exception {
        Files.writeString(dir.resolve("a\\b.csv"), "id\n1\n", UTF_8);
        new DropDirectory(dir, "*.csv", FileDropLimits.defaults(), q -> {}, "run-7")
                .claimNext()
                .orElseThrow();

        DropDirectory next = new DropDirectory(dir, "*.csv", FileDropLimits.defaults(), q -> {}, "run-8");
        assertThat(next.settleClaimsOfOtherRuns("run-7"::equals)).isEqualTo(new DropDirectory.OtherRunsClaims(0, 1));

        assertThat(dir.resolve("processed/a\\b.csv")).exists();
    }

    @Test
    void beforeADeletionOnlyTheClaimsOfRunsThatCommittedGoOnToProcessed() throws Exception {
        Files.writeString(dir.resolve("a.csv"), "id\n1\n", UTF_8);
        Files.writeString(dir.resolve("b.csv"), "id\n2\n", UTF_8);
        new DropDirectory(dir, "*.csv", FileDropLimits.defaults(), q -> {}, "run-1")
                .claimNext()
                .orElseThrow();
        ClaimedFile uncommitted = new DropDirectory(dir, "*.csv", FileDropLimits.defaults(), q -> {}, "run-2")
                .claimNext()
                .orElseThrow();

        DropDirectory folder = new DropDirectory(dir, "*.csv", FileDropLimits.defaults(), q -> {}, null);
        assertThat(folder.settleClaimsOfCommittedRuns("run-1"::equals)).isEqualTo(1);

        assertThat(Files.readString(dir.resolve("processed/a.csv"))).isEqualTo("id\n1\n");
        assertThat(dir.resolve("processing/run-1")).doesNotExist();
        assertThat(uncommitted.path())
                .as("left for the folder's next job to give back")
                .exists();
        assertThat(dir.resolve("b.csv")).doesNotExist();
    }

    @Test
    void aCommittedRunsClaimsThatCannotBeMovedToProcessedFailTheSettlingNamingTheRunsClaimFolder() throws Exception {
        Files.writeString(dir.resolve("a.csv"), "id\n1\n", UTF_8);
        ClaimedFile claimed = new DropDirectory(dir, "*.csv", FileDropLimits.defaults(), q -> {}, "run-1")
                .claimNext()
                .orElseThrow();
        DropDirectory folder = new DropDirectory(dir, "*.csv", FileDropLimits.defaults(), q -> {}, null);
        Files.delete(dir.resolve("processed"));
        Files.writeString(dir.resolve("processed"), "a file where the folder was");

        assertThatThrownBy(() -> folder.settleClaimsOfCommittedRuns("run-1"::equals))
                .isInstanceOf(IOException.class)
                .hasMessageStartingWith("cannot move the files of committed processing/run-1 to processed/: ");
        assertThat(claimed.path()).exists();
    }
}
