package coop.cpc.lakehouse.ingest.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Random;
import org.junit.jupiter.api.Test;

class PostgresTextTest {
    private static final SourceColumn TIMESTAMPTZ = new SourceColumn("at", "timestamptz", 0, 0, true, "timestamptz");
    private static final SourceColumn TIMESTAMP = new SourceColumn("at", "timestamp", 0, 0, true, "timestamp");

    @Test
    void readsTheCommonShapeAsTheFormatterDoes() {
        Random random = new Random(16);
        for (int i = 0; i < 20_000; i++) {
            long seconds = random.nextLong(-2_000_000_000L, 250_000_000_000L);
            int micros = random.nextInt(1_000_000);
            int digits = random.nextInt(7);
            int shown = digits == 0 ? 0 : micros / (int) Math.pow(10, 6 - digits);
            Instant at = Instant.ofEpochSecond(seconds, digits == 0 ? 0 : shown * (long) Math.pow(10, 9 - digits));
            String text = DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm:ss")
                            .format(OffsetDateTime.ofInstant(at, ZoneOffset.UTC))
                    + (digits == 0 ? "" : "." + String.format("%0" + digits + "d", shown));

            assertThat(PostgresText.commonShape(text + "+00", true)).as(text).isEqualTo(at);
            assertThat(PostgresText.parse(TIMESTAMPTZ, text + "+00")).as(text).isEqualTo(at);
            assertThat(PostgresText.commonShape(text, false)).as(text).isEqualTo(at);
            assertThat(PostgresText.parse(TIMESTAMP, text)).as(text).isEqualTo(at);
        }
    }

    @Test
    void leavesEveryOtherShapeToTheFormatters() {
        assertThat(PostgresText.commonShape("2026-01-01 10:00:00+05", true)).isNull();
        assertThat(PostgresText.commonShape("2026-01-01 10:00:00", true)).isNull();
        assertThat(PostgresText.commonShape("12026-01-01 10:00:00+00", true)).isNull();
        assertThat(PostgresText.commonShape("2026-01-01 10:00:00.1234567+00", true))
                .isNull();
        assertThat(PostgresText.commonShape("2026-01-01 10:00:00.+00", true)).isNull();
        assertThat(PostgresText.commonShape("2026-02-30 10:00:00+00", true)).isNull();
        assertThat(PostgresText.commonShape("2026-01-01T10:00:00+00", true)).isNull();
        assertThat(PostgresText.commonShape("2026-01-01 1a:00:00", false)).isNull();

        assertThat(PostgresText.parse(TIMESTAMPTZ, "2026-01-01 10:00:00+05"))
                .isEqualTo(Instant.parse("2026-01-01T05:00:00Z"));
        assertThatThrownBy(() -> PostgresText.parse(TIMESTAMPTZ, "2026-01-01 10:00:00+05:30"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("'2026-01-01 10:00:00+05:30' is not a timestamp_us");
    }
}
