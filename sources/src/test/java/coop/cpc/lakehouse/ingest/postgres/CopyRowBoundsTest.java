package coop.cpc.lakehouse.ingest.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import coop.cpc.lakehouse.ingest.record.CollectingSink;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.sql.Connection;
import java.sql.Statement;
import java.util.List;
import org.junit.jupiter.api.Test;

/** One COPY row longer than the bound stops the read with a message naming the table and the key before it. */
class CopyRowBoundsTest {

    @Test
    void aRowLongerThanTheBoundStopsTheReadAfterTheRowsBeforeIt() throws Exception {
        try (EmbeddedPostgres postgres = EmbeddedPostgres.builder().start();
                Connection c = postgres.getPostgresDatabase().getConnection()) {
            try (Statement sql = c.createStatement()) {
                sql.execute("CREATE TABLE public.wide (id int PRIMARY KEY, body text)");
                sql.execute("INSERT INTO public.wide VALUES (1, 'short'), (2, repeat('x', 2000000)), (3, 'after')");
            }
            PostgresTableSource source = PostgresTableSource.open(c, QualifiedTableName.parse("wide"), List.of())
                    .withMaxRowBytes(1 << 20);
            CollectingSink sink = new CollectingSink();
            try (PostgresRowReader reader = source.open(ReadPosition.START)) {
                assertThat(reader.readNext(sink)).isTrue();
                assertThatThrownBy(() -> reader.readNext(sink))
                        .isInstanceOf(SourceTableException.class)
                        .hasMessage("a row of public.wide after row 1 is longer than 1048576 bytes");
            }
            assertThat(sink.rows).hasSize(1);
        }
    }
}
