package coop.cpc.lakehouse.application.source.http;

import static org.assertj.core.api.Assertions.assertThat;

import coop.cpc.lakehouse.columnar.Column;
import coop.cpc.lakehouse.columnar.ColumnType;
import coop.cpc.lakehouse.columnar.ColumnType.Kind;
import coop.cpc.lakehouse.columnar.Schema;
import coop.cpc.lakehouse.ingest.http.HttpClients;
import coop.cpc.lakehouse.ingest.http.SecretResolver;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class HttpApiReaderTest {

    private static final Schema SCHEMA = Schema.of(new Column("id", ColumnType.of(Kind.INT64), false));

    private static HttpApiSettings settings(Integer connectTimeoutSeconds) {
        return new HttpApiSettings(
                "http://127.0.0.1:9/items", null, null, null, connectTimeoutSeconds, null, null, null, null);
    }

    private static HttpApiReader open(HttpApiSettings settings, HttpClients clients) throws Exception {
        return new HttpApiReader(
                settings,
                UUID.randomUUID(),
                SCHEMA,
                Set.of("127.0.0.1"),
                SecretResolver.of(Map.of(), Map.of()),
                clients,
                null);
    }

    @Test
    void runsOfTheServerShareItsHttpClientsInsteadOfEachMakingOne() throws Exception {
        try (HttpClients clients = new HttpClients()) {
            for (int run = 0; run < 5; run++) {
                open(settings(null), clients).close();
                open(settings(7), clients).close();
            }

            assertThat(clients.size())
                    .as("one client per connect timeout, not per run")
                    .isEqualTo(2);
        }
    }
}
