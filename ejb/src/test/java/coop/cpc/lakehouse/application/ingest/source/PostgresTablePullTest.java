package coop.cpc.lakehouse.application.ingest.source;

import static org.assertj.core.api.Assertions.assertThat;

import coop.cpc.lakehouse.ingest.postgres.ReadPosition;
import java.util.List;
import org.junit.jupiter.api.Test;

class PostgresTablePullTest {

    @Test
    void aJobThatNeverCommittedStartsAtTheBeginning() throws Exception {
        assertThat(PostgresTablePull.nextRunStart("{}")).isEqualTo(ReadPosition.START);
        assertThat(PostgresTablePull.nextRunStart(null)).isEqualTo(ReadPosition.START);
    }

    @Test
    void theNextRunStartsAfterTheLastCommittedKey() throws Exception {
        ReadPosition from = PostgresTablePull.nextRunStart("{\"lastKey\":[\"42\",\"2024-03-01 10:00:00+00\"]}");

        assertThat(from.lastKey()).containsExactly("42", "2024-03-01 10:00:00+00");
    }
}
