package coop.cpc.lakehouse.ingest.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import coop.cpc.lakehouse.ingest.RejectedRecord;
import coop.cpc.lakehouse.ingest.record.CollectingSink;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.StringWriter;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.apache.commons.csv.QuoteMode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.postgresql.PGConnection;

/**
 * The binary COPY gives every value, and every refusal, that the same value's text gives through {@link
 * PostgresText}: each row of a table of every supported type (random values and the edges of each type) is
 * compared with the CSV COPY of the same SELECT on the same session (what the reader read before).
 */
class PostgresBinaryTest {
    private static EmbeddedPostgres postgres;

    private static final String COLUMNS = "id, small, medium, large, f4, f8, money, wide, exact, stamp, stamp_tz, day, "
            + "flag, body, short_text, padded, raw, doc, doc_b, ref, span, list";

    @BeforeAll
    static void start() throws Exception {
        postgres = EmbeddedPostgres.builder().start();
        SqlScript.execute(
                postgres.getPostgresDatabase(),
                "CREATE TABLE public.every_type (id int PRIMARY KEY, small int2, medium int4, large int8, f4 real, "
                        + "f8 double precision, money numeric(12,2), wide numeric(18,6), exact numeric(30,10), "
                        + "stamp timestamp, stamp_tz timestamptz, day date, flag bool, body text, short_text varchar(20), "
                        + "padded char(6), raw bytea, doc json, doc_b jsonb, ref uuid, span interval, list int4[])",
                "SELECT setseed(0.16)",
                // Random rows: values of every size, signs and fractions, dates around both epochs.
                "INSERT INTO public.every_type SELECT g, (random() * 65535 - 32768)::int2, "
                        + "(random() * 4e9 - 2e9)::int4, (random() * 9e18 - 4.5e18)::int8, "
                        + "(random() * 2e6 - 1e6)::real / 7, (random() - 0.5) * power(10, (random() * 40 - 20)::int), "
                        + "round((random() * 2e10 - 1e10)::numeric / power(10::numeric, (random() * 10)::int), 2), "
                        + "round((random() * 2e12 - 1e12)::numeric / power(10::numeric, (random() * 12)::int), 6), "
                        + "round((random() * 2e20 - 1e20)::numeric / power(10::numeric, (random() * 20)::int), 10), "
                        + "timestamp '1900-01-01' + random() * interval '250 years', "
                        + "timestamptz '1960-01-01 00:00:00+00' + random() * interval '80 years', "
                        + "date '1800-01-01' + (random() * 120000)::int, random() < 0.5, "
                        + "repeat(chr(32 + (random() * 1000)::int), (random() * 50)::int) || 'ünïcødé ' || g, "
                        + "left(md5(g::text), (random() * 20)::int), left(md5(g::text), 3), "
                        + "decode(md5(g::text), 'hex'), json_build_object('g', g, 'r', random()), "
                        + "jsonb_build_object('g', g, 'list', jsonb_build_array(1, 'a', null)), gen_random_uuid(), "
                        + "random() * interval '100 days', ARRAY[g, -g] FROM generate_series(1, 300) g",
                // The edges of each type, and values that have no asset form.
                "INSERT INTO public.every_type (id, small, medium, large, f4, f8, money, wide, exact, stamp, stamp_tz, "
                        + "day, body, raw) VALUES "
                        + "(1001, -32768, -2147483648, -9223372036854775808, 'NaN', '-Infinity', 0, 0, 0, "
                        + "'2000-01-01 00:00:00', '2000-01-01 00:00:00+00', '2000-01-01', '', '\\x'), "
                        + "(1002, 32767, 2147483647, 9223372036854775807, '-0', '-0', -0.01, 999999999999.999999, "
                        + "12345678901234567890.0123456789, '1999-12-31 23:59:59.999999', '1970-01-01 00:00:00.000001+00', "
                        + "'1999-12-31', 'x', '\\x00'), "
                        + "(1003, 0, 0, 0, 1.4e-45, 4.9e-324, 9999999999.99, -999999999999.999999, 0.0000000001, "
                        + "'0001-01-01 00:00:00', '294276-12-31 23:59:59+00', '0001-01-01', NULL, NULL), "
                        + "(1004, 1, 1, 1, 'Infinity', 'NaN', 1, 1, 1, 'infinity', '-infinity', 'infinity', 'a', '\\xff'), "
                        + "(1005, 1, 1, 1, 1, 1, 1, 1, 'NaN', '0044-03-15 12:00:00 BC', NULL, NULL, 'b', '\\x01'), "
                        + "(1006, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, '-infinity', NULL, NULL), "
                        + "(1007, 2, 2, 2, 2, 2, 'NaN', 2, 2, NULL, NULL, NULL, 'c', NULL), "
                        + "(1008, 3, 3, 3, 3, 3, 3, 3, 3, NULL, '0044-03-15 12:00:00+00 BC', NULL, 'd', NULL), "
                        + "(1009, 4, 4, 4, 4, 4, 4, 4, 4, NULL, NULL, '4713-01-01 BC', 'e', NULL), "
                        + "(1010, 5, 5, 5, 5, 5, 5, 'NaN', 5, NULL, NULL, NULL, 'f', NULL), "
                        + "(1011, 6, 6, 6, 6, 6, 6, 6, 6, '10000-01-01 00:00:00', NULL, NULL, 'g', NULL), "
                        + "(1012, 7, 7, 7, 7, 7, 7, 7, 7, NULL, NULL, '10000-01-01', 'h', NULL), "
                        + "(1013, 8, 8, 8, 8, 8, 8, 8, 8, '0044-03-15 12:00:00.25 BC', NULL, NULL, 'i', NULL)");
    }

    @AfterAll
    static void stop() throws Exception {
        postgres.close();
    }

    @Test
    void everyValueAndEveryRefusalIsTheOneItsTextGives() throws Exception {
        CollectingSink binary = new CollectingSink();
        List<Object[]> expectedRows = new ArrayList<>();
        List<RejectedRecord> expectedRejects = new ArrayList<>();
        try (Connection c = postgres.getPostgresDatabase().getConnection()) {
            PostgresTableSource source = PostgresTableSource.open(c, QualifiedTableName.parse("every_type"), List.of());
            source.read(ReadPosition.START, binary);
            List<SourceColumn> columns = source.columns();
            // The oracle: the CSV COPY of the same SELECT, each field through PostgresText (the reader's former path).
            StringWriter csv = new StringWriter();
            c.unwrap(PGConnection.class)
                    .getCopyAPI()
                    .copyOut("COPY (" + source.selectAfter(ReadPosition.START) + ") TO STDOUT (FORMAT csv)", csv);
            CSVFormat copyCsv = CSVFormat.RFC4180
                    .builder()
                    .setNullString("")
                    .setQuoteMode(QuoteMode.ALL_NON_NULL)
                    .get();
            for (CSVRecord record : CSVParser.parse(csv.toString(), copyCsv)) {
                Object[] row = new Object[columns.size()];
                String problem = null;
                for (int i = 0; i < columns.size() && problem == null; i++) {
                    String text = record.get(i);
                    try {
                        row[i] = text == null ? null : PostgresText.parse(columns.get(i), text);
                    } catch (IllegalArgumentException e) {
                        problem = "column " + columns.get(i).name() + ": " + e.getMessage();
                    }
                }
                if (problem == null) {
                    expectedRows.add(row);
                } else {
                    String key = record.get(columns.size());
                    expectedRejects.add(new RejectedRecord("public.every_type", "key (" + key + ")", problem));
                }
            }
        }
        assertThat(COLUMNS.split(", ")).hasSize(binary.rows.get(0).length);
        assertThat(expectedRows).hasSize(302);
        assertThat(binary.rows).hasSameSizeAs(expectedRows);
        for (int r = 0; r < expectedRows.size(); r++) {
            assertThat(binary.rows.get(r)).as("row %d", r).isEqualTo(expectedRows.get(r));
        }
        assertThat(binary.rejects).containsExactlyElementsOf(expectedRejects);
        assertThat(binary.rejects)
                .extracting(RejectedRecord::reason)
                .containsExactly(
                        "column stamp_tz: '294276-12-31 23:59:59+00' is not a timestamp_us",
                        "column stamp: 'infinity' is outside the timestamps an asset stores",
                        "column stamp: '0044-03-15 12:00:00 BC' is outside the timestamps an asset stores",
                        "column day: '-infinity' is not a date",
                        "column money: 'NaN' is not a decimal(12,2)",
                        "column stamp_tz: '0044-03-15 12:00:00+00 BC' is outside the timestamps an asset stores",
                        "column day: '4713-01-01 BC' is not a date",
                        "column wide: 'NaN' is not a decimal(18,6)",
                        "column stamp: '10000-01-01 00:00:00' is not a timestamp_us",
                        "column day: '10000-01-01' is not a date",
                        "column stamp: '0044-03-15 12:00:00.25 BC' is outside the timestamps an asset stores");
    }
}
