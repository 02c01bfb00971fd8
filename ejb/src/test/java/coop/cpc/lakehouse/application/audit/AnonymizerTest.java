package coop.cpc.lakehouse.application.audit;

import static org.assertj.core.api.Assertions.assertThat;

import coop.cpc.lakehouse.catalog.audit.AuditAction;
import coop.cpc.lakehouse.catalog.audit.AuditOutcome;
import coop.cpc.lakehouse.catalog.audit.AuditPurpose;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

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

    @Test
    void dataSyncKeepsTheFirstOctetAndOthersTheNetwork() {
        assertThat(Anonymizer.address("192.168.7.42", AuditPurpose.DATA_SYNC)).isEqualTo("192.0.0.0");
        assertThat(Anonymizer.address("192.168.7.42", AuditPurpose.PROVIDER_ACCESS))
                .isEqualTo("192.168.7.0");
        assertThat(Anonymizer.address("2001:db8:85a3:8d3:1319:8a2e:370:7348", AuditPurpose.ADMIN))
                .isEqualTo("2001:db8:85a3::");
        assertThat(Anonymizer.address("not an address", AuditPurpose.ADMIN)).isNull();
    }

    /** The text of an IPv6 address may be compressed: a group count of the text is not the network. */
    @Test
    void compressedIpv6KeepsOnlyTheNetwork() {
        Map<String, String> networks = new LinkedHashMap<>();
        networks.put("2001::abcd:1234", "2001::");
        networks.put("2001:db8::abcd:1234", "2001:db8::");
        networks.put("::1", "::");
        networks.put("2001:DB8:85A3:0000:0:8a2e:370:7334", "2001:db8:85a3::");
        networks.put("0:0:0:0:0:0:0:1", "::");
        networks.forEach((text, network) -> assertThat(Anonymizer.address(text, AuditPurpose.USER_VIEW))
                .as(text)
                .isEqualTo(network));
    }

    @Test
    void theZoneIsDroppedAndAnIpv4MappedAddressCountsAsIpv4() {
        assertThat(Anonymizer.address("fe80::1%eth0", AuditPurpose.USER_VIEW)).isEqualTo("fe80::");
        assertThat(Anonymizer.address("::ffff:192.168.1.7", AuditPurpose.USER_VIEW))
                .isEqualTo("192.168.1.0");
        assertThat(Anonymizer.address("::ffff:192.168.1.7", AuditPurpose.DATA_SYNC))
                .isEqualTo("192.0.0.0");
    }

    @Test
    void aSixToFourAddressKeepsNoMoreOfItsEmbeddedIpv4ThanAnIpv4Address() {
        // 2002:c000:0201::/48 is the 6to4 prefix of 192.0.2.1: only 192.0.2 is kept, the rest is zero.
        assertThat(Anonymizer.address("2002:c000:0201::1", AuditPurpose.USER_VIEW))
                .isEqualTo("2002:c000:200::");
        assertThat(Anonymizer.address("2002:c000:02ff:1234:5678::9", AuditPurpose.ADMIN))
                .isEqualTo("2002:c000:200::");
        // DATA_SYNC's first IPv6 group already hides more than the IPv4 /8.
        assertThat(Anonymizer.address("2002:c000:0201::1", AuditPurpose.DATA_SYNC))
                .isEqualTo("2002::");
    }

    @Test
    void aTeredoAddressKeepsOnlyItsPrefixNotTheServerOrClient() {
        // 2001:0::/32, then the Teredo server's IPv4 (192.0.2.1), flags, port and the client's IPv4, obfuscated.
        assertThat(Anonymizer.address("2001:0:c000:0201:0:f227:3fff:fffe", AuditPurpose.USER_VIEW))
                .isEqualTo("2001::");
        assertThat(Anonymizer.address("2001:0:c000:0201::1", AuditPurpose.DATA_SYNC))
                .isEqualTo("2001::");
        // Not Teredo: 2001:db8::/32 keeps its /48.
        assertThat(Anonymizer.address("2001:db8:85a3::1", AuditPurpose.USER_VIEW))
                .isEqualTo("2001:db8:85a3::");
    }

    @Test
    void dataSyncKeepsTheFirstIpv6Group() {
        assertThat(Anonymizer.address("2001:db8:85a3:0:0:8a2e:370:7334", AuditPurpose.DATA_SYNC))
                .isEqualTo("2001::");
        assertThat(Anonymizer.address("2001:db8::1", AuditPurpose.DATA_SYNC)).isEqualTo("2001::");
    }

    @Test
    void textThatIsNotAnAddressLiteralKeepsNoAddress() {
        for (String text : new String[] {
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
            assertThat(Anonymizer.address(delete)).as(purpose.name()).isNotNull();
        }
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
