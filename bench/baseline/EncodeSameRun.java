import coop.cpc.lakehouse.columnar.Column;
import coop.cpc.lakehouse.columnar.ColumnType;
import coop.cpc.lakehouse.columnar.ColumnType.Kind;
import coop.cpc.lakehouse.columnar.Schema;
import coop.cpc.lakehouse.columnar.SegmentWriter;
import coop.cpc.lakehouse.columnar.WebmColumnar;
import java.io.ByteArrayOutputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * Encodes the columnar benchmark's finance and CRM tables on one thread and prints the best thread CPU time of 5
 * runs after 5 warm-ups. The same source is compiled against the encoder at issue 16's filing (commit 6a1492b1) and
 * against the current one, so it uses only the API both have; the tables are generated exactly as
 * {@code testdata.Datasets} (and the benchmark at 6a1492b1) generate them. Run by {@code encode-vs-issue16-baseline.sh}.
 */
public final class EncodeSameRun {
    private static final long START_MS = 1_735_689_600_000L;
    private static final int ROWS = 262_144;
    private static final int WARMUP = 5;
    private static final int REPEATS = 5;

    public static void main(String[] args) throws Exception {
        ThreadMXBean cpu = ManagementFactory.getThreadMXBean();
        for (String name : args[0].split(",")) {
            Table table = name.equals("crm") ? crm() : finance();
            long best = Long.MAX_VALUE;
            int length = 0;
            for (int i = 0; i < WARMUP + REPEATS; i++) {
                long c0 = cpu.getCurrentThreadCpuTime();
                length = encode(table).length;
                long spent = cpu.getCurrentThreadCpuTime() - c0;
                if (i >= WARMUP) {
                    best = Math.min(best, spent);
                }
            }
            System.out.printf(
                    Locale.ROOT,
                    "%s encode_cpu_ms %.1f encode_cpu_mb_s %.2f segment_bytes %d%n",
                    name,
                    best / 1e6,
                    table.rawBytes() / 1e6 / (best / 1e9),
                    length);
        }
    }

    private static byte[] encode(Table table) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Object builder = WebmColumnar.write(out).schema(table.schema()).title(table.name());
        try {
            // Today's builder encodes frames on several threads unless told otherwise; the old one had no such setting.
            builder = builder.getClass().getMethod("threads", int.class).invoke(builder, 1);
        } catch (NoSuchMethodException oldBuilder) {
            // one thread is all it does
        }
        try (SegmentWriter writer = (SegmentWriter) builder.getClass().getMethod("build").invoke(builder)) {
            Object[] row = new Object[table.columns().size()];
            for (int r = 0; r < ROWS; r++) {
                for (int c = 0; c < row.length; c++) {
                    row[c] = table.columns().get(c)[r];
                }
                writer.add(row);
            }
        }
        return out.toByteArray();
    }

    private record Table(String name, Schema schema, List<Object[]> columns) {
        /** 8 bytes per int64 or timestamp, 4 per int32, a string's UTF-8 bytes: as the benchmark counts them. */
        double rawBytes() {
            double n = 0;
            for (Object[] column : columns) {
                for (Object v : column) {
                    n += v instanceof String s ? s.getBytes(StandardCharsets.UTF_8).length : v instanceof Integer ? 4 : 8;
                }
            }
            return n;
        }
    }

    private static Column column(String name, Kind kind) {
        return new Column(name, ColumnType.of(kind), false);
    }

    private static Table finance() {
        Random r = new Random(2);
        String[] categories = {
            "groceries", "rent", "salary", "utilities", "transport", "dining", "insurance", "transfer", "fees",
            "refund", "health", "education"
        };
        String[] currencies = {"EUR", "EUR", "EUR", "USD", "CHF"};
        Object[] id = new Object[ROWS];
        Object[] account = new Object[ROWS];
        Object[] cents = new Object[ROWS];
        Object[] ts = new Object[ROWS];
        Object[] category = new Object[ROWS];
        Object[] currency = new Object[ROWS];
        long t = START_MS * 1000;
        for (int i = 0; i < ROWS; i++) {
            id[i] = 1_000_000L + i;
            account[i] = 40_000_000_000L + r.nextInt(10_000) * 7_919L;
            cents[i] = (long) Math.exp(r.nextGaussian() * 1.5 + 8);
            t += 1 + (long) (-Math.log(1 - r.nextDouble()) * 2_000_000);
            ts[i] = Instant.ofEpochSecond(t / 1_000_000, (t % 1_000_000) * 1000);
            category[i] = categories[Math.min(categories.length - 1, (int) Math.abs(r.nextGaussian() * 3))];
            currency[i] = currencies[r.nextInt(currencies.length)];
        }
        Schema schema = Schema.of(
                column("id", Kind.INT64),
                column("account_id", Kind.INT64),
                column("amount_cents", Kind.INT64),
                column("ts", Kind.TIMESTAMP_US),
                column("category", Kind.STRING),
                column("currency", Kind.STRING));
        return new Table("finance", schema, List.of(id, account, cents, ts, category, currency));
    }

    private static Table crm() {
        Random r = new Random(3);
        String[] channels = {"web", "email", "phone", "store", "partner"};
        Object[] customer = new Object[ROWS];
        Object[] channel = new Object[ROWS];
        Object[] ts = new Object[ROWS];
        Object[] visits = new Object[ROWS];
        long t = START_MS;
        for (int i = 0; i < ROWS; i++) {
            customer[i] = r.nextLong() & 0xFFFF_FFFF_FFFFL;
            channel[i] = channels[r.nextInt(100) < 50 ? 0 : 1 + r.nextInt(4)];
            t += r.nextInt(5000);
            ts[i] = Instant.ofEpochMilli(t);
            visits[i] = r.nextInt(20);
        }
        Schema schema = Schema.of(
                column("customer_id", Kind.INT64),
                column("channel", Kind.STRING),
                column("ts", Kind.TIMESTAMP_MS),
                column("visits", Kind.INT32));
        return new Table("crm", schema, List.of(customer, channel, ts, visits));
    }
}
