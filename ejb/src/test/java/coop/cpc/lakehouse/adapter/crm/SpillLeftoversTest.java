package coop.cpc.lakehouse.adapter.crm;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SpillLeftoversTest {
    private static final Duration GRACE = Duration.ofHours(1);

    @TempDir
    Path storage;

    private Path file(String name, Instant modified) throws IOException {
        Path folder = Files.createDirectories(SpillLeftovers.folder(storage));
        Path file = Files.write(folder.resolve(name), new byte[] {0, 0, 0, 1, 42});
        Files.setLastModifiedTime(file, FileTime.from(modified));
        return file;
    }

    /** The run files a sorter writes there, as an analysis killed before its close leaves them. */
    private List<Path> runsOfAnAnalysisKilledBeforeItsClose() {
        ExternalSorter<Integer> sorter = new ExternalSorter<Integer>(
                Comparator.<Integer>naturalOrder(),
                new ExternalSorter.Codec<Integer>() {
                    @Override
                    public void write(Integer record, java.io.DataOutput out) throws IOException {
                        out.writeInt(record);
                    }

                    @Override
                    public Integer read(ExternalSorter.RunInput in) throws IOException {
                        return in.readInt();
                    }
                },
                2,
                SpillLeftovers.folder(storage));
        for (int i = 0; i < 6; i++) {
            sorter.add(i);
        }
        assertThat(sorter.runs()).isEqualTo(3);
        try (var runs = Files.list(SpillLeftovers.folder(storage))) {
            return runs.toList();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    void runsOfAnEarlierServerRunOlderThanTheGraceAreDeleted() throws IOException {
        Instant twoHoursAgo = Instant.now().minus(Duration.ofHours(2));
        List<Path> runs = runsOfAnAnalysisKilledBeforeItsClose();
        for (Path run : runs) {
            Files.setLastModifiedTime(run, FileTime.from(twoHoursAgo));
        }

        int deleted = SpillLeftovers.delete(
                SpillLeftovers.folder(storage), Instant.now().minus(GRACE));

        assertThat(deleted).isEqualTo(3);
        assertThat(runs).allSatisfy(run -> assertThat(run).doesNotExist());
    }

    @Test
    void aRunYoungerThanTheGraceIsKept() throws IOException {
        Path fresh = file("sort-run-1.bin", Instant.now().minus(Duration.ofMinutes(5)));

        assertThat(SpillLeftovers.delete(
                        SpillLeftovers.folder(storage), Instant.now().minus(GRACE)))
                .isZero();
        assertThat(fresh).exists();
    }

    @Test
    void aRunThisDeploymentWroteIsKeptHoweverShortTheGrace() throws Exception {
        // Past the load by more than a file system's coarse clock lags, so the runs' times are after it.
        assertThat(ExternalSorter.LOADED).isBefore(Instant.now());
        Thread.sleep(50);
        List<Path> runs = runsOfAnAnalysisKilledBeforeItsClose();

        assertThat(SpillLeftovers.delete(
                        SpillLeftovers.folder(storage), Instant.now().plusSeconds(60)))
                .isZero();
        assertThat(runs).allSatisfy(run -> assertThat(run).exists());
    }

    @Test
    void otherFilesInTheSpillFolderAreLeftAlone() throws IOException {
        Instant old = Instant.now().minus(Duration.ofDays(2));
        Path notARun = file("notes.txt", old);
        Path otherSuffix = file("sort-run-1.tmp", old);

        assertThat(SpillLeftovers.delete(
                        SpillLeftovers.folder(storage), Instant.now().minus(GRACE)))
                .isZero();
        assertThat(notARun).exists();
        assertThat(otherSuffix).exists();
    }

    @Test
    void aMissingSpillFolderHoldsNoLeftovers() throws IOException {
        assertThat(SpillLeftovers.delete(SpillLeftovers.folder(storage), Instant.now()))
                .isZero();
    }
}
