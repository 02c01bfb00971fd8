package coop.cpc.lakehouse.application.audit;

import static org.assertj.core.api.Assertions.assertThat;

import coop.cpc.lakehouse.catalog.audit.AuditAction;
import coop.cpc.lakehouse.catalog.audit.AuditOutcome;
import coop.cpc.lakehouse.catalog.audit.AuditPurpose;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AnonymizerTest {
    private final Anonymizer anonymizer = new Anonymizer("installation key".getBytes(StandardCharsets.UTF_8));

    @Test
    void pseudonymsAreStablePerKeyAndNeverTheName() {
        String alice = anonymizer.pseudonym("alice", AuditPurpose.USER_VIEW);

        assertThat(alice)
                .hasSize(32)
                .isEqualTo(anonymizer.pseudonym("alice", AuditPurpose.ADMIN))
                .doesNotContain("alice");
        assertThat(anonymizer.pseudonym("bob", AuditPurpose.USER_VIEW)).isNotEqualTo(alice);
        assertThat(new Anonymizer("other key".getBytes(StandardCharsets.UTF_8))
                        .pseudonym("alice", AuditPurpose.USER_VIEW))
                .isNotEqualTo(alice);
    }

    @Test
    void researchAnalyticsAndMachineLearningKeepNeitherActorNorAddress() {
        for (AuditPurpose purpose :
                new AuditPurpose[] {AuditPurpose.RESEARCH, AuditPurpose.ANALYTICS, AuditPurpose.MACHINE_LEARNING}) {
            assertThat(anonymizer.pseudonym("alice", purpose))
                    .as(purpose.name())
                    .isNull();
            assertThat(Anonymizer.address("192.168.7.42", purpose))
                    .as(purpose.name())
                    .isNull();
        }
    }

    /**
     * Each row: an address, the purpose it is read for, the network kept of it, and why. The text of an IPv6
     * address may be compressed: a group count of the text is not the network.
     */
    @ParameterizedTest(name = "{0} for {1} keeps {2}: {3}")
    @CsvSource(delimiter = '|', textBlock = """
            192.168.7.42                         | DATA_SYNC       | 192.0.0.0       | data sync keeps the first octet
            192.168.7.42                         | PROVIDER_ACCESS | 192.168.7.0     | other purposes keep the /24
            2001:db8:85a3:8d3:1319:8a2e:370:7348 | ADMIN           | 2001:db8:85a3:: | other purposes keep the /48
            2001:db8:85a3:0:0:8a2e:370:7334      | DATA_SYNC       | 2001::          | data sync keeps the first IPv6 group
            2001:db8::1                          | DATA_SYNC       | 2001::          | data sync keeps the first IPv6 group
            2001::abcd:1234                      | USER_VIEW       | 2001::          | compressed text, not a group count
            2001:db8::abcd:1234                  | USER_VIEW       | 2001:db8::      | compressed text, not a group count
            ::1                                  | USER_VIEW       | ::              | compressed text, not a group count
            2001:DB8:85A3:0000:0:8a2e:370:7334   | USER_VIEW       | 2001:db8:85a3:: | mixed case and zeros, the /48
            0:0:0:0:0:0:0:1                      | USER_VIEW       | ::              | uncompressed zeros, the /48
            fe80::1%eth0                         | USER_VIEW       | fe80::          | the zone is dropped
            ::ffff:192.168.1.7                   | USER_VIEW       | 192.168.1.0     | IPv4-mapped counts as IPv4
            ::ffff:192.168.1.7                   | DATA_SYNC       | 192.0.0.0       | IPv4-mapped counts as IPv4
            2002:c000:0201::1                    | USER_VIEW       | 2002:c000:200:: | 6to4 of 192.0.2.1 keeps only 192.0.2
            2002:c000:02ff:1234:5678::9          | ADMIN           | 2002:c000:200:: | 6to4 keeps no more than IPv4 would
            2002:c000:0201::1                    | DATA_SYNC       | 2002::          | the first group hides more than a /8
            2001:0:c000:0201:0:f227:3fff:fffe    | USER_VIEW       | 2001::          | Teredo keeps only its 2001:0::/32
            2001:0:c000:0201::1                  | DATA_SYNC       | 2001::          | Teredo keeps only its 2001:0::/32
            2001:db8:85a3::1                     | USER_VIEW       | 2001:db8:85a3:: | not Teredo, 2001:db8::/32 keeps its /48
            """)
    void anAddressKeepsOnlyTheNetworkItsPurposeAllows(
            String address, AuditPurpose purpose, String network, String why) {
        assertThat(Anonymizer.address(address, purpose)).as(why).isEqualTo(network);
    }

    @Test
    void textThatIsNotAnAddressLiteralKeepsNoAddress() {
        for (String text : new String[] {
            "not an address",
            "localhost",
            "1:2:3",
            "1::2::3",
            "12345::",
            "1:2:3:4:5:6:7:8:9",
            "::g",
            "256.1.1.1",
            "1.2.3",
            "1.2.3.4.5",
            ":1",
            "1::2:",
            "1.2.3.4::"
        }) {
            assertThat(Anonymizer.address(text, AuditPurpose.ADMIN)).as(text).isNull();
        }
    }

    @Test
    void aChangeKeepsThePseudonymAndNetworkWhateverThePurpose() {
        AuditedCaller researcher = new AuditedCaller("alice", java.util.Set.of("researcher"));
        for (AuditPurpose purpose : AuditPurpose.values()) {
            AuditEvent delete = event(researcher, purpose, true, AuditAction.DELETE);
            assertThat(anonymizer.actor(delete))
                    .as(purpose.name())
                    .isEqualTo(anonymizer.pseudonym("alice", AuditPurpose.USER_VIEW));
            assertThat(Anonymizer.address(delete))
                    .as(purpose.name() + ": the network, as USER_VIEW keeps it (DATA_SYNC kept only 192.0.0.0)")
                    .isEqualTo("192.168.7.0");
        }
    }

    /** A read under a purpose the caller's roles may not use keeps the network too, DATA_SYNC included. */
    @Test
    void aRefusedDataSyncReadKeepsTheNetwork() {
        AuditedCaller analyst = new AuditedCaller("alice", java.util.Set.of("analyst"));
        AuditEvent refused = event(analyst, AuditPurpose.DATA_SYNC, false, AuditAction.READ);
        AuditEvent allowed = event(analyst, AuditPurpose.DATA_SYNC, true, AuditAction.READ);

        assertThat(Anonymizer.address(refused)).isEqualTo("192.168.7.0");
        assertThat(Anonymizer.address(allowed)).isEqualTo("192.0.0.0");
    }

    @Test
    void aReadUnderAnAllowedAnonymizingPurposeDropsTheCallerButARefusedPurposeDoesNot() {
        AuditedCaller researcher = new AuditedCaller("alice", java.util.Set.of("researcher"));
        AuditEvent allowed = event(researcher, AuditPurpose.RESEARCH, true, AuditAction.READ);
        AuditEvent refused = event(researcher, AuditPurpose.ANALYTICS, false, AuditAction.READ);

        assertThat(anonymizer.actor(allowed)).isNull();
        assertThat(Anonymizer.address(allowed)).isNull();
        assertThat(anonymizer.actor(refused)).hasSize(32);
        assertThat(Anonymizer.address(refused)).isEqualTo("192.168.7.0");
    }

    private static AuditEvent event(AuditedCaller caller, AuditPurpose purpose, boolean allowed, AuditAction action) {
        return new AuditEvent(
                caller, purpose, allowed, action, "asset", "a-1", AuditOutcome.SUCCESS, "192.168.7.42", "{}");
    }
}
