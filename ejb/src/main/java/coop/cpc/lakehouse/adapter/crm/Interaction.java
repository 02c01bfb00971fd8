package coop.cpc.lakehouse.adapter.crm;

import java.io.DataOutput;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Comparator;
import java.util.Objects;

/**
 * One CRM interaction. {@code sequence} is its ingestion order (the order the asset's rows are read),
 * which breaks ties between interactions of one customer at the same instant.
 *
 * @param epochMicros the interaction's instant, microseconds since 1970-01-01T00:00:00Z
 */
public record Interaction(
        String customerId, long epochMicros, String type, String channel, String outcome, Double value, long sequence) {

    /** Customer, then time, then ingestion order: the order journeys are read in. */
    public static final Comparator<Interaction> JOURNEY_ORDER = Comparator.comparing(Interaction::customerId)
            .thenComparingLong(Interaction::epochMicros)
            .thenComparingLong(Interaction::sequence);

    public static final String CONVERTED = "converted";

    public Interaction {
        Objects.requireNonNull(customerId, "customerId");
    }

    /** Whether the outcome is {@code converted} (case ignored, spaces around ignored). */
    public boolean converted() {
        return outcome != null && outcome.strip().equalsIgnoreCase(CONVERTED);
    }

    /**
     * The codec the external sort spills with. Strings are written as their UTF-8 length (an int) and bytes, not
     * with {@code writeUTF}: that stops at 65,535 encoded bytes, and its exception quotes the value.
     */
    public static final ExternalSorter.Codec<Interaction> CODEC = new ExternalSorter.Codec<>() {
        @Override
        public void write(Interaction i, DataOutput out) throws IOException {
            writeString(out, i.customerId);
            out.writeLong(i.epochMicros);
            writeNullable(out, i.type);
            writeNullable(out, i.channel);
            writeNullable(out, i.outcome);
            out.writeBoolean(i.value != null);
            if (i.value != null) {
                out.writeDouble(i.value);
            }
            out.writeLong(i.sequence);
        }

        @Override
        public Interaction read(ExternalSorter.RunInput in) throws IOException {
            String customer = readString(in);
            long micros = in.readLong();
            String type = readNullable(in);
            String channel = readNullable(in);
            String outcome = readNullable(in);
            Double value = in.readBoolean() ? in.readDouble() : null;
            return new Interaction(customer, micros, type, channel, outcome, value, in.readLong());
        }

        private static void writeNullable(DataOutput out, String s) throws IOException {
            out.writeBoolean(s != null);
            if (s != null) {
                writeString(out, s);
            }
        }

        private static String readNullable(ExternalSorter.RunInput in) throws IOException {
            return in.readBoolean() ? readString(in) : null;
        }

        private static void writeString(DataOutput out, String s) throws IOException {
            byte[] utf8 = s.getBytes(StandardCharsets.UTF_8);
            out.writeInt(utf8.length);
            out.write(utf8);
        }

        private static String readString(ExternalSorter.RunInput in) throws IOException {
            int length = in.readInt();
            // Never quote the run: it holds the asset's values. Check before allocating: the length may be damaged.
            if (length < 0) {
                throw new IOException("a string of " + length + " bytes");
            }
            if (length > in.bytesLeft()) {
                throw new IOException(
                        "a string of " + length + " bytes, more than the " + in.bytesLeft() + " bytes left of the run");
            }
            byte[] utf8 = new byte[length];
            in.readFully(utf8);
            return new String(utf8, StandardCharsets.UTF_8);
        }
    };
}
