package coop.cpc.lakehouse.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class PostgresConnectionTest {

    @Test
    void parsesTheSeedsExample() {
        PostgresConnection connection = PostgresConnection.parse("postgresql://user:password@localhost:5432/lakehouse");

        assertThat(connection.jdbcUrl()).isEqualTo("jdbc:postgresql://localhost:5432/lakehouse");
        assertThat(connection.user()).isEqualTo("user");
        assertThat(connection.password()).isEqualTo("password");
    }

    @Test
    void decodesPercentEncodedPasswordsAndDefaultsThePort() {
        PostgresConnection connection =
                PostgresConnection.parse("postgres://app:p%40ss%3Aw+rd@db.example/cat?sslmode=require");

        assertThat(connection.password()).isEqualTo("p@ss:w+rd");
        assertThat(connection.jdbcUrl()).isEqualTo("jdbc:postgresql://db.example:5432/cat?sslmode=require");
    }

    @Test
    void neverShowsThePasswordWhenPrinted() {
        assertThat(PostgresConnection.parse("postgresql://app:s3cret@db:5432/lakehouse")
                        .toString())
                .isEqualTo("postgresql://app:***@db:5432/lakehouse")
                .doesNotContain("s3cret");
    }

    @Test
    void rejectsOtherSchemesMissingDatabaseAndMissingUser() {
        assertThatThrownBy(() -> PostgresConnection.parse("mysql://u:p@h/db"))
                .hasMessage("must start with postgresql://");
        assertThatThrownBy(() -> PostgresConnection.parse("postgresql://u:p@h/"))
                .hasMessageContaining("must name one database");
        assertThatThrownBy(() -> PostgresConnection.parse("postgresql://h/db")).hasMessageContaining("names no user");
    }
}
