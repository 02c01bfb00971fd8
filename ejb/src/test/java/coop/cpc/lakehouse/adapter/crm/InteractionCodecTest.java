package coop.cpc.lakehouse.adapter.crm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import org.junit.jupiter.api.Test;

class InteractionCodecTest {

    private static Interaction roundTrip(Interaction i) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            Interaction.CODEC.write(i, out);
        }
        return Interaction.CODEC.read(run(bytes.toByteArray()));
    }

    private static ExternalSorter.RunInput run(byte[] bytes) {
        return new ExternalSorter.RunInput(new ByteArrayInputStream(bytes), bytes.length);
    }

    /** writeUTF stops at 65,535 encoded bytes; a value of the asset may be far longer. */
    @Test
    void roundTripsAValueLongerThan65535Bytes() throws Exception {
        // 70,000 characters of three UTF-8 bytes each, and one outside the BMP (four bytes, two chars).
        String customer = "€".repeat(70_000) + "\uD83D\uDE00";
        Interaction i = new Interaction(customer, -5, "x".repeat(70_000), "", "y".repeat(100_000), 1.5, 42);

        assertThat(roundTrip(i)).isEqualTo(i);
    }

    @Test
    void roundTripsNullFields() throws Exception {
        Interaction i = new Interaction("c", 7, null, null, null, null, 0);

        assertThat(roundTrip(i)).isEqualTo(i);
    }

    /** A damaged run file is refused without showing any of the text it holds. */
    @Test
    void refusesANegativeLengthWithoutQuotingTheRun() throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeInt(-3);
            out.writeBytes("secret");
        }

        assertThatThrownBy(() -> Interaction.CODEC.read(run(bytes.toByteArray())))
                .isInstanceOf(IOException.class)
                .hasMessage("a string of -3 bytes");
    }

    /** A damaged length is refused before a buffer of that size is allocated. */
    @Test
    void refusesALengthLongerThanWhatIsLeftWithoutAllocatingIt() throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeInt(Integer.MAX_VALUE);
            out.writeBytes("secret");
        }

        assertThatThrownBy(() -> Interaction.CODEC.read(run(bytes.toByteArray())))
                .isInstanceOf(IOException.class)
                .hasMessage("a string of 2147483647 bytes, more than the 6 bytes left of the run");
    }
}
