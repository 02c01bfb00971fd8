package coop.cpc.lakehouse.columnar.testdata;

import coop.cpc.lakehouse.columnar.Column;
import coop.cpc.lakehouse.columnar.ColumnType;
import coop.cpc.lakehouse.columnar.ColumnType.Kind;
import coop.cpc.lakehouse.columnar.Schema;
import java.time.Instant;
import java.util.List;
import java.util.Random;

/**
 * Seeded data shaped like the adapters' (health vital signs, finance, CRM): the columnar benchmark's tables
 * (bench {@code ColumnarBenchmark}) and the measurements that study its columns.
 */
public final class Datasets {
    static final long START_MS = 1_735_689_600_000L;

    private Datasets() {}

    private static Column col(String name, Kind kind) {
        return new Column(name, ColumnType.of(kind), false);
    }

    /** One patient monitor at 1 Hz: timestamps and 1-decimal readings drifting smoothly. */
    public static Dataset vitals(int n) {
        Random r = new Random(1);
        Object[] ts = new Object[n];
        Object[] hr = new Object[n];
        Object[] spo2 = new Object[n];
        Object[] temp = new Object[n];
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
        return new Dataset(
                "vitals",
                Schema.of(
                        col("ts", Kind.TIMESTAMP_MS),
                        col("heart_rate", Kind.FLOAT64),
                        col("spo2", Kind.FLOAT64),
                        col("temp_c", Kind.FLOAT64)),
                List.of(ts, hr, spo2, temp));
    }

    /** Ledger lines: sequential ids, random account ids, amounts in cents, irregular times, categories. */
    public static Dataset finance(int n) {
        Random r = new Random(2);
        String[] categories = {
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
        String[] currencies = {"EUR", "EUR", "EUR", "USD", "CHF"};
        Object[] id = new Object[n];
        Object[] account = new Object[n];
        Object[] cents = new Object[n];
        Object[] ts = new Object[n];
        Object[] category = new Object[n];
        Object[] currency = new Object[n];
        long t = START_MS * 1000;
        for (int i = 0; i < n; i++) {
            id[i] = 1_000_000L + i;
            account[i] = 40_000_000_000L + r.nextInt(10_000) * 7_919L;
            cents[i] = (long) Math.exp(r.nextGaussian() * 1.5 + 8);
            t += 1 + (long) (-Math.log(1 - r.nextDouble()) * 2_000_000);
            ts[i] = Instant.ofEpochSecond(t / 1_000_000, (t % 1_000_000) * 1000);
            category[i] = categories[Math.min(categories.length - 1, (int) Math.abs(r.nextGaussian() * 3))];
            currency[i] = currencies[r.nextInt(currencies.length)];
        }
        return new Dataset(
                "finance",
                Schema.of(
                        col("id", Kind.INT64),
                        col("account_id", Kind.INT64),
                        col("amount_cents", Kind.INT64),
                        col("ts", Kind.TIMESTAMP_US),
                        col("category", Kind.STRING),
                        col("currency", Kind.STRING)),
                List.of(id, account, cents, ts, category, currency));
    }

    /** CRM touchpoints: random customer ids, a few channels, increasing times, small counts. */
    public static Dataset crm(int n) {
        Random r = new Random(3);
        String[] channels = {"web", "email", "phone", "store", "partner"};
        Object[] customer = new Object[n];
        Object[] channel = new Object[n];
        Object[] ts = new Object[n];
        Object[] visits = new Object[n];
        long t = START_MS;
        for (int i = 0; i < n; i++) {
            customer[i] = r.nextLong() & 0xFFFF_FFFF_FFFFL;
            channel[i] = channels[r.nextInt(100) < 50 ? 0 : 1 + r.nextInt(4)];
            t += r.nextInt(5000);
            ts[i] = Instant.ofEpochMilli(t);
            visits[i] = r.nextInt(20);
        }
        return new Dataset(
                "crm",
                Schema.of(
                        col("customer_id", Kind.INT64),
                        col("channel", Kind.STRING),
                        col("ts", Kind.TIMESTAMP_MS),
                        col("visits", Kind.INT32)),
                List.of(customer, channel, ts, visits));
    }

    private static double clamp(double v, double lo, double hi) {
        return Math.max(lo, Math.min(hi, v));
    }
}
