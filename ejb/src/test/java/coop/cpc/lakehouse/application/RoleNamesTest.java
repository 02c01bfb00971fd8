package coop.cpc.lakehouse.application;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import coop.cpc.lakehouse.application.source.postgres.PostgresTableKind;
import coop.cpc.lakehouse.application.source.postgres.PostgresTableSettings;
import java.util.List;
import org.junit.jupiter.api.Test;

/** PostgreSQL counts a role name's 63 bytes in the database's encoding (UTF-8), not its characters. */
class RoleNamesTest {
    @Test
    void sixtyThreeBytesPassAndSixtyFourAreRefusedNamingTheFieldThoughFewerCharacters() {
        assertThatCode(() -> RoleNames.require("user", "\u00e9".repeat(31) + "r"))
                .doesNotThrowAnyException();
        assertThatCode(() -> RoleNames.require("user", "r".repeat(63))).doesNotThrowAnyException();
        assertThatThrownBy(() -> RoleNames.require("user", "\u00e9".repeat(32)))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage("user: a PostgreSQL role name has at most 63 bytes in UTF-8; this one has 64");
        assertThatThrownBy(() -> RoleNames.require("user", "r".repeat(100_000)))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage("user: a PostgreSQL role name has at most 63 bytes in UTF-8; this one has over 63");
        assertThatThrownBy(() -> RoleNames.require("user", " "))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage("user must be a role name");
    }

    @Test
    void aTableSourcesUserOverSixtyThreeBytesIsRefusedNamingPostgresTableUser() {
        PostgresTableSettings settings = new PostgresTableSettings(
                "jdbc:postgresql://127.0.0.1:5432/plant", "\u00e9".repeat(32), null, "public.r", List.of());
        assertThatThrownBy(() -> new PostgresTableKind().validate(settings, null))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage(
                        "postgresTable.user: a PostgreSQL role name has at most 63 bytes in UTF-8; this one has 64");
    }
}
