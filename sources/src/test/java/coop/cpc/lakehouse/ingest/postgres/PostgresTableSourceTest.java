package coop.cpc.lakehouse.ingest.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import coop.cpc.lakehouse.columnar.Column;
import coop.cpc.lakehouse.columnar.ColumnType;
import coop.cpc.lakehouse.columnar.ColumnType.Kind;
import coop.cpc.lakehouse.columnar.Schema;
import coop.cpc.lakehouse.ingest.RejectedRecord;
import coop.cpc.lakehouse.ingest.record.CollectingSink;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class PostgresTableSourceTest {
    @RegisterExtension
    static final ScriptedPostgres postgres = new ScriptedPostgres(
            "CREATE SCHEMA finance",
            "CREATE TABLE finance.transactions (id bigint PRIMARY KEY, account int NOT NULL, amount numeric(12,2), "
                    + "rate double precision, ratio real, booked_at timestamptz, value_date date, local_at timestamp, "
                    + "settled boolean, memo text, payload bytea, tags jsonb, ref uuid)",
            "INSERT INTO finance.transactions VALUES "
                    + "(1, 10, 12.50, 0.1, 1.5, '2026-03-01 10:00:00.123456+00', '2026-03-01', '2026-03-01 09:30:00', true, "
                    + "'coffee, \"large\"', '\\x00ff10', '{\"a\": 1}', 'a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11'),"
                    + "(2, 11, -3.00, 1e-300, -0.25, '2026-03-02 00:00:00+00', '2026-03-02', NULL, false, '', NULL, NULL, NULL),"
                    + "(3, 12, NULL, 'NaN', 'Infinity', NULL, NULL, NULL, NULL, NULL, '\\x', NULL, NULL)",
            "CREATE TABLE public.no_key (v text)",
            "INSERT INTO public.no_key SELECT 'v' || g FROM generate_series(1, 5) g",
            "CREATE TABLE public.events (id int PRIMARY KEY, happened_at timestamptz)",
            "INSERT INTO public.events VALUES (1, '2026-01-01 00:00:00+00'), (2, 'infinity'), (3, '2026-01-03 00:00:00+00')",
            "CREATE TABLE public.pairs (a int, b text, v int, PRIMARY KEY (b, a))",
            "INSERT INTO public.pairs SELECT g % 3, 'k' || (g % 4), g FROM generate_series(1, 12) g");

    @Test
    void countsTheRowsAReadWillMeetFromItsPosition() throws Exception {
        try (Connection c = connect()) {
            PostgresTableSource source =
                    PostgresTableSource.open(c, QualifiedTableName.parse("public.pairs"), List.of());

            assertThat(source.countAfter(ReadPosition.START, 5000)).hasValue(12);
            assertThat(source.countAfter(new ReadPosition(0, List.of("k1", "1")), 5000))
                    .as("rows after key (k1, 1)")
                    .hasValue(7);
        }
    }

    @Test
    void givesUpCountingWhenItTakesTooLong() throws Exception {
        postgres.execute(
                "CREATE TABLE public.slow_count_data (id int PRIMARY KEY)",
                "INSERT INTO public.slow_count_data VALUES (1)",
                // Each row of the view takes two seconds to produce.
                "CREATE VIEW public.slow_count AS SELECT d.id FROM public.slow_count_data d, pg_sleep(2) s");
        try (Connection c = connect();
                Statement sql = c.createStatement()) {
            PostgresTableSource source =
                    PostgresTableSource.open(c, QualifiedTableName.parse("public.slow_count"), List.of());

            assertThat(source.countAfter(ReadPosition.START, 100)).isEmpty();
            try (var after = sql.executeQuery("SHOW statement_timeout")) {
                after.next();
                assertThat(after.getString(1))
                        .as("timeout reset after counting")
                        .isEqualTo("0");
            }
        }
    }

    @Test
    void aCountGivenUpInsideATransactionLeavesItUsable() throws Exception {
        try (Connection c = connect()) {
            c.setAutoCommit(false);
            try (Statement sql = c.createStatement()) {
                sql.execute("CREATE TABLE public.slow_count_tx_data (id int PRIMARY KEY)");
                sql.execute("INSERT INTO public.slow_count_tx_data VALUES (1)");
                sql.execute("CREATE VIEW public.slow_count_tx AS "
                        + "SELECT d.id FROM public.slow_count_tx_data d, pg_sleep(2) s");
            }
            PostgresTableSource source =
                    PostgresTableSource.open(c, QualifiedTableName.parse("public.slow_count_tx"), List.of());

            assertThat(source.countAfter(ReadPosition.START, 100)).isEmpty();
            try (Statement sql = c.createStatement();
                    var rows = sql.executeQuery("SELECT count(*) FROM public.slow_count_tx_data")) {
                rows.next();
                assertThat(rows.getLong(1)).as("the transaction still answers").isEqualTo(1);
            }
            c.rollback();
        }
    }

    @Test
    void mapsTypesToTheAssetSchema() throws Exception {
        try (Connection c = connect()) {
            PostgresTableSource source =
                    PostgresTableSource.open(c, QualifiedTableName.parse("finance.transactions"), List.of());

            assertThat(source.assetSchema().columns())
                    .extracting(col -> col.name() + ":" + col.type() + (col.nullable() ? "?" : ""))
                    .containsExactly(
                            "id:int64",
                            "account:int32",
                            "amount:decimal(12,2)?",
                            "rate:float64?",
                            "ratio:float32?",
                            "booked_at:timestamp_us?",
                            "value_date:date?",
                            "local_at:timestamp_us?",
                            "settled:bool?",
                            "memo:string?",
                            "payload:bytes?",
                            "tags:string?",
                            "ref:string?");
            assertThat(source.primaryKey()).containsExactly("id");
            assertThat(source.sourceUri())
                    .isEqualTo("postgresql://localhost:" + postgres.port() + "/postgres/finance.transactions");
        }
    }

    @Test
    void readsEveryValueExactly() throws Exception {
        CollectingSink collected = new CollectingSink();
        try (Connection c = connect()) {
            PostgresTableSource source =
                    PostgresTableSource.open(c, QualifiedTableName.parse("finance.transactions"), List.of());
            ReadPosition end = source.read(ReadPosition.START, collected);

            assertThat(end).isEqualTo(new ReadPosition(3, List.of("3")));
        }
        assertThat(collected.rejects).isEmpty();
        Object[] first = collected.rows.get(0);
        assertThat(first)
                .containsExactly(
                        1L,
                        10,
                        new BigDecimal("12.50"),
                        0.1,
                        1.5f,
                        Instant.parse("2026-03-01T10:00:00.123456Z"),
                        LocalDate.parse("2026-03-01"),
                        Instant.parse("2026-03-01T09:30:00Z"),
                        true,
                        "coffee, \"large\"",
                        new byte[] {0, (byte) 0xff, 0x10},
                        "{\"a\": 1}",
                        "a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11");
        Object[] second = collected.rows.get(1);
        assertThat(second[3]).isEqualTo(1e-300);
        assertThat(second[9]).as("empty string is not null").isEqualTo("");
        assertThat(second[7]).isNull();
        Object[] third = collected.rows.get(2);
        assertThat((Double) third[3]).isNaN();
        assertThat(third[4]).isEqualTo(Float.POSITIVE_INFINITY);
        assertThat(third[10]).isEqualTo(new byte[0]);
    }

    @Test
    void readsOnlyTheWantedColumnsInTheirOrder() throws Exception {
        CollectingSink collected = new CollectingSink();
        try (Connection c = connect()) {
            PostgresTableSource source = PostgresTableSource.open(
                    c, QualifiedTableName.parse("finance.transactions"), List.of("memo", "id"));
            source.read(ReadPosition.START, collected);
            assertThat(source.assetSchema().columns()).extracting(Column::name).containsExactly("memo", "id");
        }
        assertThat(collected.rows).extracting(row -> row[1]).containsExactly(1L, 2L, 3L);
    }

    @Test
    void resumesAfterTheLastKeyOfACheckpoint() throws Exception {
        CollectingSink all = new CollectingSink();
        CollectingSink resumed = new CollectingSink();
        try (Connection c = connect()) {
            PostgresTableSource source = PostgresTableSource.open(c, QualifiedTableName.parse("pairs"), List.of("v"));
            source.read(ReadPosition.START, all);
            CollectingSink firstFive = new CollectingSink();
            ReadPosition checkpoint = readFirst(source, 5, firstFive);
            source.read(checkpoint, resumed);

            List<Object> stitched = new ArrayList<>();
            firstFive.rows.forEach(r -> stitched.add(r[0]));
            resumed.rows.forEach(r -> stitched.add(r[0]));
            assertThat(stitched)
                    .containsExactlyElementsOf(all.rows.stream().map(r -> r[0]).toList());
            assertThat(stitched).hasSize(12).doesNotHaveDuplicates();
        }
    }

    @Test
    void resumesATableWithoutKeyBySkippingTheRowsRead() throws Exception {
        CollectingSink resumed = new CollectingSink();
        try (Connection c = connect()) {
            PostgresTableSource source = PostgresTableSource.open(c, QualifiedTableName.parse("no_key"), List.of());
            ReadPosition end = source.read(new ReadPosition(3, List.of()), resumed);
            assertThat(end.rowsRead()).isEqualTo(5);
        }
        assertThat(resumed.rows).hasSize(2);
    }

    @Test
    void rejectsARowWhoseValueHasNoAssetFormNamingTheColumnAndKey() throws Exception {
        CollectingSink collected = new CollectingSink();
        try (Connection c = connect()) {
            PostgresTableSource.open(c, QualifiedTableName.parse("events"), List.of())
                    .read(ReadPosition.START, collected);
        }
        assertThat(collected.rows).hasSize(2);
        assertThat(collected.rejects)
                .containsExactly(new RejectedRecord(
                        "public.events",
                        "key (2)",
                        "column happened_at: 'infinity' is outside the timestamps an asset stores"));
    }

    @Test
    void refusesNamesThatAreNotPlainIdentifiers() throws Exception {
        assertThatThrownBy(() -> QualifiedTableName.parse("finance.transactions; DROP TABLE x"))
                .hasMessageStartingWith("table 'transactions; DROP TABLE x' is not a plain identifier");
        assertThatThrownBy(() -> QualifiedTableName.parse("\"finance\".t"))
                .hasMessageStartingWith("schema '\"finance\"'");
        try (Connection c = connect()) {
            assertThatThrownBy(() -> PostgresTableSource.open(
                            c, QualifiedTableName.parse("finance.transactions"), List.of("id\" FROM x--")))
                    .hasMessageStartingWith("column 'id\" FROM x--' is not a plain identifier");
            assertThatThrownBy(
                            () -> PostgresTableSource.open(c, QualifiedTableName.parse("finance.missing"), List.of()))
                    .isInstanceOf(SourceTableException.class)
                    .hasMessageStartingWith("source table finance.missing does not exist");
            assertThatThrownBy(() -> PostgresTableSource.open(
                            c, QualifiedTableName.parse("finance.transactions"), List.of("nope")))
                    .hasMessage("source table finance.transactions has no column nope");
        }
    }

    @Test
    void readsACatalogColumnNamedLikeSqlAsANameWithoutRunningIt() throws Exception {
        postgres.execute(
                "CREATE TABLE public.leaks (n int)",
                // Evaluated, the column name would call this function: the table then holds a row.
                "CREATE FUNCTION public.leak() RETURNS int LANGUAGE sql AS 'INSERT INTO public.leaks VALUES (1) RETURNING 1'",
                "CREATE TABLE public.evil (id bigint PRIMARY KEY, \"v\"\" , public.leak() AS \"\"w\" text, v text)",
                "INSERT INTO public.evil VALUES (1, 'a', 'b')");
        CollectingSink collected = new CollectingSink();
        try (Connection c = connect();
                Statement sql = c.createStatement()) {
            PostgresTableSource source =
                    PostgresTableSource.open(c, QualifiedTableName.parse("public.evil"), List.of());
            assertThat(source.assetSchema().columns().get(1).name()).isEqualTo("v\" , public.leak() AS \"w");
            source.read(ReadPosition.START, collected);
            try (var leaks = sql.executeQuery("SELECT count(*) FROM public.leaks")) {
                leaks.next();
                assertThat(leaks.getLong(1)).as("rows the function inserted").isZero();
            }
        }
        assertThat(collected.rows).containsExactly(new Object[] {1L, "a", "b"});
    }

    @Test
    void readsColumnsAndKeysWhoseNamesAreNotPlainIdentifiersUnderTheirOwnNames() throws Exception {
        postgres.execute(
                "CREATE TABLE public.orders (\"Order ID\" int, \"a\"\"b\" text, \"Order date\" date, "
                        + "\"a$b\" int, \"Größe\" text, PRIMARY KEY (\"Order ID\", \"a\"\"b\"))",
                "INSERT INTO public.orders VALUES (1, 'x', '2026-12-06', 5, 'L'), (2, 'y', NULL, 6, 'M')");
        CollectingSink collected = new CollectingSink();
        try (Connection c = connect()) {
            PostgresTableSource source =
                    PostgresTableSource.open(c, QualifiedTableName.parse("public.orders"), List.of());
            assertThat(source.assetSchema().columns().stream().map(column -> column.name()))
                    .containsExactly("Order ID", "a\"b", "Order date", "a$b", "Größe");
            ReadPosition afterFirst = new ReadPosition(1, List.of("1", "x"));
            assertThat(source.countAfter(afterFirst, 10_000)).hasValue(1);
            source.read(afterFirst, collected);
        }
        assertThat(collected.rows).hasSize(1);
        assertThat(collected.rows.get(0)).containsExactly(2, "y", null, 6, "M");
    }

    @Test
    void readsTheListedColumnsOfATableThatAlsoHasAnOddlyNamedOne() throws Exception {
        postgres.execute(
                "CREATE TABLE public.mixed (id bigint PRIMARY KEY, \"a\"\"b\" text, v text)",
                "INSERT INTO public.mixed VALUES (1, 'x', 'y')");
        CollectingSink collected = new CollectingSink();
        try (Connection c = connect()) {
            PostgresTableSource.open(c, QualifiedTableName.parse("public.mixed"), List.of("id", "v"))
                    .read(ReadPosition.START, collected);
        }
        assertThat(collected.rows).containsExactly(new Object[] {1L, "y"});
    }

    @Test
    void aKeyColumnWithAQuoteInItsNameOrdersTheRead() throws Exception {
        postgres.execute(
                "CREATE TABLE public.odd_key (\"k\"\"x\" int PRIMARY KEY, v text)",
                "INSERT INTO public.odd_key VALUES (2, 'b'), (1, 'a')");
        CollectingSink collected = new CollectingSink();
        try (Connection c = connect()) {
            PostgresTableSource.open(c, QualifiedTableName.parse("public.odd_key"), List.of("v"))
                    .read(ReadPosition.START, collected);
        }
        assertThat(collected.rows).containsExactly(new Object[] {"a"}, new Object[] {"b"});
    }

    @Test
    void readsAUserTypeNamedLikeABuiltInAsItsBaseType() throws Exception {
        postgres.execute(
                "CREATE DOMAIN public.int4 AS text",
                "CREATE DOMAIN public.money2 AS numeric(10,2)",
                "CREATE TYPE public.bool AS ENUM ('yes', 'no')",
                "CREATE TABLE public.odd_types (id bigint PRIMARY KEY, v public.int4, x pg_catalog.int4, "
                        + "m public.money2, b public.bool)",
                "INSERT INTO public.odd_types VALUES (1, 'abcd', 7, 12.50, 'yes'), (2, 'zz', 8, NULL, 'no')");
        CollectingSink collected = new CollectingSink();
        try (Connection c = connect()) {
            PostgresTableSource source =
                    PostgresTableSource.open(c, QualifiedTableName.parse("public.odd_types"), List.of());
            assertThat(source.assetSchema().columns())
                    .extracting(col -> col.name() + ":" + col.type())
                    .containsExactly("id:int64", "v:string", "x:int32", "m:decimal(10,2)", "b:string");
            source.read(ReadPosition.START, collected);
        }
        assertThat(collected.rejects).isEmpty();
        assertThat(collected.rows)
                .containsExactly(
                        new Object[] {1L, "abcd", 7, new BigDecimal("12.50"), "yes"},
                        new Object[] {2L, "zz", 8, null, "no"});
    }

    @Test
    void aDomainColumnTheAssetHoldsAsAStringIsReadAsTheTextEarlierBuildsWrote() throws Exception {
        postgres.execute(
                "CREATE DOMAIN public.posint AS integer CHECK (VALUE > 0)",
                "CREATE TABLE public.stock (id int PRIMARY KEY, qty public.posint, price numeric(8,2))",
                "INSERT INTO public.stock VALUES (1, 54, 2.50), (2, NULL, 3.00)");
        Schema asset = new Schema(List.of(
                new Column("id", ColumnType.of(Kind.INT32), false),
                new Column("qty", ColumnType.of(Kind.STRING), true),
                new Column("price", ColumnType.decimal(8, 2), true)));
        CollectingSink collected = new CollectingSink();
        try (Connection c = connect()) {
            PostgresTableSource source =
                    PostgresTableSource.open(c, QualifiedTableName.parse("public.stock"), List.of());
            assertThat(source.assetSchema().columns())
                    .extracting(col -> col.name() + ":" + col.type())
                    .as("a new job's asset")
                    .containsExactly("id:int32", "qty:int32", "price:decimal(8,2)");

            PostgresTableSource kept = source.keepingTheStringColumnsOf(asset);
            assertThat(kept.assetSchema()).isEqualTo(asset);
            kept.read(ReadPosition.START, collected);
        }
        assertThat(collected.rejects).isEmpty();
        assertThat(collected.rows)
                .containsExactly(
                        new Object[] {1, "54", new BigDecimal("2.50")}, new Object[] {2, null, new BigDecimal("3.00")});
    }

    @Test
    void countsTheTransactionsStillWritingWhoseLateRowsAnIncrementalRunWouldMiss() throws Exception {
        postgres.execute("CREATE TABLE public.late (id bigint PRIMARY KEY)", "CREATE ROLE late_reader");
        try (Connection c = connect();
                Statement session = c.createStatement();
                Connection writer = connect();
                Statement write = writer.createStatement()) {
            PostgresTableSource source =
                    PostgresTableSource.open(c, QualifiedTableName.parse("public.late"), List.of());
            // A role that may not see other sessions' queries still sees that they write.
            session.execute("SET ROLE late_reader");
            assertThat(source.writersInProgress()).as("nobody writing").hasValue(0);

            writer.setAutoCommit(false);
            write.execute("INSERT INTO public.late VALUES (100)");
            assertThat(source.writersInProgress())
                    .as("one transaction not committed yet")
                    .hasValue(1);

            writer.commit();
            assertThat(source.writersInProgress()).as("after its commit").hasValue(0);
        }
    }

    @Test
    void aRoleThatMayNotSeeTheServersSessionsStillReadsWithoutTheWritersCount() throws Exception {
        postgres.execute(
                "CREATE TABLE public.hardened (id int PRIMARY KEY, v text)",
                "INSERT INTO public.hardened VALUES (1, 'a'), (2, 'b')",
                "CREATE ROLE hardened_reader",
                "GRANT SELECT ON public.hardened TO hardened_reader");
        CollectingSink collected = new CollectingSink();
        try (Connection c = connect();
                Statement session = c.createStatement()) {
            // A common hardening step; restored below so that the other tests see the view again.
            session.execute("REVOKE SELECT ON pg_catalog.pg_stat_activity FROM PUBLIC");
            try {
                session.execute("SET ROLE hardened_reader");
                PostgresTableSource source =
                        PostgresTableSource.open(c, QualifiedTableName.parse("public.hardened"), List.of());
                assertThat(source.writersInProgress()).as("the view is refused").isEmpty();
                c.setAutoCommit(false);
                assertThat(source.writersInProgress())
                        .as("refused inside a transaction")
                        .isEmpty();
                source.read(ReadPosition.START, collected);
                c.commit();
            } finally {
                c.setAutoCommit(true);
                session.execute("RESET ROLE");
                session.execute("GRANT SELECT ON pg_catalog.pg_stat_activity TO PUBLIC");
            }
        }
        assertThat(collected.rows).hasSize(2);
    }

    @Test
    void refusesATableWhoseKeyColumnTheRoleMayNotRead() throws Exception {
        postgres.execute(
                "CREATE TABLE public.k (id int PRIMARY KEY, v text)",
                "CREATE ROLE k_reader",
                "GRANT SELECT (v) ON public.k TO k_reader");
        try (Connection c = connect();
                Statement sql = c.createStatement()) {
            sql.execute("SET ROLE k_reader");

            assertThatThrownBy(() -> PostgresTableSource.open(c, QualifiedTableName.parse("public.k"), List.of()))
                    .isInstanceOf(SourceTableException.class)
                    .hasMessage("the role may not read key column id of public.k");
        }
    }

    @Test
    void namesAKeyColumnTheRoleMayNotReadWithItsControlCharactersEscaped() throws Exception {
        postgres.execute(
                "CREATE TABLE public.nl (\"id\nINFO forged\" int PRIMARY KEY, v text)",
                "CREATE ROLE nl_reader",
                "GRANT SELECT (v) ON public.nl TO nl_reader");
        try (Connection c = connect();
                Statement sql = c.createStatement()) {
            sql.execute("SET ROLE nl_reader");

            assertThatThrownBy(() -> PostgresTableSource.open(c, QualifiedTableName.parse("public.nl"), List.of()))
                    .isInstanceOf(SourceTableException.class)
                    .hasMessage("the role may not read key column id\\u000aINFO forged of public.nl");
        }
    }

    @Test
    void quotesKeyValuesThroughTheServer() throws Exception {
        try (Connection c = connect()) {
            PostgresTableSource source = PostgresTableSource.open(c, QualifiedTableName.parse("pairs"), List.of("v"));
            String sql = source.selectAfter(new ReadPosition(1, List.of("x'); DROP TABLE pairs; --", "1")));

            assertThat(sql)
                    .isEqualTo(
                            "SELECT \"v\", \"b\"::text, \"a\"::text FROM \"public\".\"pairs\" AS t "
                                    + "WHERE (t.\"b\", t.\"a\") > (CAST('x''); DROP TABLE pairs; --' AS text), CAST('1' AS integer)) ORDER BY t.\"b\", t.\"a\"");
        }
    }

    private static ReadPosition readFirst(PostgresTableSource source, int n, CollectingSink into) throws Exception {
        CollectingSink all = new CollectingSink();
        source.read(ReadPosition.START, all);
        List<String> keys = new ArrayList<>();
        try (Connection c = connect();
                Statement sql = c.createStatement();
                var rows = sql.executeQuery("SELECT b, a::text, v FROM pairs ORDER BY b, a LIMIT " + n)) {
            while (rows.next()) {
                keys = List.of(rows.getString(1), rows.getString(2));
                into.rows.add(new Object[] {rows.getInt(3)});
            }
        }
        return new ReadPosition(n, keys);
    }

    private static Connection connect() throws Exception {
        return postgres.connect();
    }
}
