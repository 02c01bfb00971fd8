package coop.cpc.lakehouse.application.source.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import coop.cpc.lakehouse.ingest.postgres.ReadPosition;
import org.junit.jupiter.api.Test;

class PostgresTableReaderTest {

    @Test
    void aJobThatNeverCommittedStartsAtTheBeginning() throws Exception {
        assertThat(PostgresTableReader.nextRunStart("{}")).isEqualTo(ReadPosition.START);
        assertThat(PostgresTableReader.nextRunStart(null)).isEqualTo(ReadPosition.START);
    }

    @Test
    void theNextRunStartsAfterTheLastCommittedKey() throws Exception {
        ReadPosition from = PostgresTableReader.nextRunStart("{\"lastKey\":[\"42\",\"2024-03-01 10:00:00+00\"]}");

        assertThat(from.lastKey()).containsExactly("42", "2024-03-01 10:00:00+00");
    }
}
