package coop.cpc.lakehouse.application.source.files;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.function.LongPredicate;
import org.junit.jupiter.api.Test;

/** An earlier run's claim folder is finished or given back by whether that run committed. */
class FileDropReaderTest {
    private static final LongPredicate ONLY_RUN_7_COMMITTED = instance -> instance == 7;

    @Test
    void asksTheCatalogAboutTheRunAClaimFolderIsNamedFor() {
        assertThat(FileDropReader.committedRun("run-7", ONLY_RUN_7_COMMITTED)).isTrue();
        assertThat(FileDropReader.committedRun("run-8", ONLY_RUN_7_COMMITTED)).isFalse();
    }

    @Test
    void treatsFoldersItDidNotNameAsRunsThatDidNotCommit() {
        assertThat(FileDropReader.committedRun("7", ONLY_RUN_7_COMMITTED)).isFalse();
        assertThat(FileDropReader.committedRun("run-x7", ONLY_RUN_7_COMMITTED)).isFalse();
        assertThat(FileDropReader.committedRun("run-", ONLY_RUN_7_COMMITTED)).isFalse();
    }
}
