package coop.cpc.lakehouse.columnar.testdata;

import coop.cpc.lakehouse.columnar.Column;
import coop.cpc.lakehouse.columnar.ColumnType;
import coop.cpc.lakehouse.columnar.ColumnType.Kind;
import coop.cpc.lakehouse.columnar.Schema;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Seeded data shaped like the adapters' (health vital signs, finance, CRM): the columnar benchmark's tables
 * (bench {@code ColumnarBenchmark}) and the measurements that study its columns.
 */
public final class Datasets {
    static final long START_MS = 1_735_689_600_000L;

    private Datasets() {}

    /** The ledger's categories, most frequent first as {@link #ledgerCategory} draws them. */
    private static final String[] LEDGER_CATEGORIES = {
        "groceries",
        "rent",
        "salary",
        "utilities",
        "transport",
        "dining",
        "insurance",
        "transfer",
        "fees",
        "refund",
        "health",
        "education"
    };

    /**
     * A table being generated: each column declared once with its name, kind and values (non-null), so the schema
     * and the value arrays cannot disagree in order.
     */
    private static final class Table {
        private final String name;
        private final int rows;
        private final List<Column> schema = new ArrayList<>();
        private final List<Object[]> columns = new ArrayList<>();

        Table(String name, int rows) {
            this.name = name;
            this.rows = rows;
        }

        /** A new column's values, to be filled: one slot per row. */
        Object[] column(String column, Kind kind) {
            Object[] values = new Object[rows];
            schema.add(new Column(column, ColumnType.of(kind), false));
            columns.add(values);
            return values;
        }

        Dataset dataset() {
            return new Dataset(name, Schema.of(schema.toArray(Column[]::new)), List.copyOf(columns));
        }
    }

    /**
     * One of 12 ledger categories, skewed: the first one about a quarter of the time, the last ones rarely (a
     * string column of a small, skewed alphabet).
     */
    public static String ledgerCategory(Random r) {
        return LEDGER_CATEGORIES[Math.min(LEDGER_CATEGORIES.length - 1, (int) Math.abs(r.nextGaussian() * 3))];
    }

    /** One patient monitor at 1 Hz: timestamps and 1-decimal readings drifting smoothly. */
    public static Dataset vitals(int n) {
        Random r = new Random(1);
        Table table = new Table("vitals", n);
        Object[] ts = table.column("ts", Kind.TIMESTAMP_MS);
        Object[] hr = table.column("heart_rate", Kind.FLOAT64);
        Object[] spo2 = table.column("spo2", Kind.FLOAT64);
        Object[] temp = table.column("temp_c", Kind.FLOAT64);
        double h = 72;
        double s = 97;
        double t = 36.8;
        for (int i = 0; i < n; i++) {
            ts[i] = Instant.ofEpochMilli(START_MS + 1000L * i);
            h = clamp(h + r.nextGaussian() * 0.3 + (72 - h) * 0.01, 40, 180);
            s = clamp(s + r.nextGaussian() * 0.1 + (97 - s) * 0.02, 85, 100);
            t = clamp(t + r.nextGaussian() * 0.01 + (36.8 - t) * 0.001, 35, 41);
            hr[i] = Math.round(h * 10) / 10.0;
            spo2[i] = Math.round(s * 10) / 10.0;
            temp[i] = Math.round(t * 10) / 10.0;
        }
        return table.dataset();
    }

    /** Ledger lines: sequential ids, random account ids, amounts in cents, irregular times, categories. */
    public static Dataset finance(int n) {
        Random r = new Random(2);
        String[] currencies = {"EUR", "EUR", "EUR", "USD", "CHF"};
        Table table = new Table("finance", n);
        Object[] id = table.column("id", Kind.INT64);
        Object[] account = table.column("account_id", Kind.INT64);
        Object[] cents = table.column("amount_cents", Kind.INT64);
        Object[] ts = table.column("ts", Kind.TIMESTAMP_US);
        Object[] category = table.column("category", Kind.STRING);
        Object[] currency = table.column("currency", Kind.STRING);
        long t = START_MS * 1000;
        for (int i = 0; i < n; i++) {
            id[i] = 1_000_000L + i;
            account[i] = 40_000_000_000L + r.nextInt(10_000) * 7_919L;
            cents[i] = (long) Math.exp(r.nextGaussian() * 1.5 + 8);
            t += 1 + (long) (-Math.log(1 - r.nextDouble()) * 2_000_000);
            ts[i] = Instant.ofEpochSecond(t / 1_000_000, (t % 1_000_000) * 1000);
            category[i] = ledgerCategory(r);
            currency[i] = currencies[r.nextInt(currencies.length)];
        }
        return table.dataset();
    }

    /** CRM touchpoints: random customer ids, a few channels, increasing times, small counts. */
    public static Dataset crm(int n) {
        Random r = new Random(3);
        String[] channels = {"web", "email", "phone", "store", "partner"};
        Table table = new Table("crm", n);
        Object[] customer = table.column("customer_id", Kind.INT64);
        Object[] channel = table.column("channel", Kind.STRING);
        Object[] ts = table.column("ts", Kind.TIMESTAMP_MS);
        Object[] visits = table.column("visits", Kind.INT32);
        long t = START_MS;
        for (int i = 0; i < n; i++) {
            customer[i] = r.nextLong() & 0xFFFF_FFFF_FFFFL;
            channel[i] = channels[r.nextInt(100) < 50 ? 0 : 1 + r.nextInt(4)];
            t += r.nextInt(5000);
            ts[i] = Instant.ofEpochMilli(t);
            visits[i] = r.nextInt(20);
        }
        return table.dataset();
    }

    private static double clamp(double v, double lo, double hi) {
        return Math.max(lo, Math.min(hi, v));
    }
}
