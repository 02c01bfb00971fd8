package coop.cpc.lakehouse.application.source;

import static org.assertj.core.api.Assertions.assertThat;

import coop.cpc.lakehouse.application.source.http.HttpApiKind;
import coop.cpc.lakehouse.application.source.http.HttpApiSettings;
import coop.cpc.lakehouse.application.source.postgres.PostgresTableKind;
import coop.cpc.lakehouse.application.source.postgres.PostgresTableSettings;
import coop.cpc.lakehouse.application.source.sled.SledKind;
import coop.cpc.lakehouse.application.source.sled.SledSettings;
import java.util.List;
import org.junit.jupiter.api.Test;

class SourceIdentityTest {
    private static final String URL = "jdbc:postgresql://db.example.org:5432/plant";

    @Test
    void aPostgresSourceIsItsDatabaseAndTableNotItsLoginOrColumns() {
        PostgresTableKind kind = new PostgresTableKind();
        Object readings2025 =
                kind.sourceIdentity(new PostgresTableSettings(URL, "reader", "pg", "public.readings_2025", List.of()));

        assertThat(kind.sourceIdentity(
                        new PostgresTableSettings(URL, "other", "pg2", "public.readings_2025", List.of("id"))))
                .isEqualTo(readings2025);
        assertThat(kind.sourceIdentity(
                        new PostgresTableSettings(URL, "reader", "pg", "public.readings_2026", List.of())))
                .isNotEqualTo(readings2025);
        assertThat(kind.sourceIdentity(new PostgresTableSettings(
                        "jdbc:postgresql://db2.example.org:5432/plant",
                        "reader",
                        "pg",
                        "public.readings_2025",
                        List.of())))
                .isNotEqualTo(readings2025);
    }

    @Test
    void aPostgresSourceIsNotItsUrlParametersOrHostSpelling() {
        Object readings = postgres(URL);

        assertThat(postgres("jdbc:postgresql://DB.example.org/plant?socketTimeout=60&sslmode=require"))
                .as("timeouts and TLS mode are URL parameters; 5432 is the default port")
                .isEqualTo(readings);
        assertThat(postgres("jdbc:postgresql://db.example.org:5433/plant")).isNotEqualTo(readings);
        assertThat(postgres("jdbc:postgresql://db.example.org:5432/plant2")).isNotEqualTo(readings);
    }

    /** The identity of a job reading table public.r at the database the url names. */
    private static Object postgres(String url) {
        return new PostgresTableKind()
                .sourceIdentity(new PostgresTableSettings(url, "reader", "pg", "public.r", List.of()));
    }

    @Test
    void anHttpSourceIsItsUrlNotItsTimeouts() {
        HttpApiKind kind = new HttpApiKind();
        Object v1 = kind.sourceIdentity(
                new HttpApiSettings("https://api.example.org/v1", null, null, null, null, null, null, null, null));

        assertThat(kind.sourceIdentity(
                        new HttpApiSettings("https://api.example.org/v1", null, null, null, 5, 5, 1, null, null)))
                .isEqualTo(v1);
        assertThat(kind.sourceIdentity(new HttpApiSettings(
                        "https://api.example.org/v2", null, null, null, null, null, null, null, null)))
                .isNotEqualTo(v1);
    }

    @Test
    void aSledSourceIsItsDatabaseTreesAndTheAssetsTheyFeed() {
        SledKind kind = new SledKind();
        Object db = kind.sourceIdentity(new SledSettings("/data/a.sled", List.of("t"), "raw", "a_", null, null));

        assertThat(kind.sourceIdentity(new SledSettings("/data/b.sled", List.of("t"), "raw", "a_", null, null)))
                .isNotEqualTo(db);
        assertThat(kind.sourceIdentity(new SledSettings("/data/a.sled", List.of("u"), "raw", "a_", null, null)))
                .isNotEqualTo(db);
        assertThat(kind.sourceIdentity(new SledSettings("/data/a.sled", List.of("t"), "raw", "b_", null, null)))
                .isNotEqualTo(db);
        assertThat(kind.sourceIdentity(new SledSettings("/data/a.sled", List.of("u", "t"), "raw", "a_", null, null)))
                .as("the same trees in another order: a restart would go on with other trees after its checkpoint")
                .isNotEqualTo(kind.sourceIdentity(
                        new SledSettings("/data/a.sled", List.of("t", "u"), "raw", "a_", null, null)));
    }
}
