package coop.cpc.lakehouse.application.audit;

import static org.assertj.core.api.Assertions.assertThat;

import coop.cpc.lakehouse.catalog.audit.AuditAction;
import coop.cpc.lakehouse.catalog.audit.AuditLogEntry;
import coop.cpc.lakehouse.catalog.audit.AuditOutcome;
import coop.cpc.lakehouse.catalog.audit.AuditPurpose;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class ChainHashTest {
    private final UUID id = UUID.fromString("6123e646-a208-49d4-8325-c4366e059ca5");
    private final Instant at = Instant.parse("2026-11-27T01:00:00.123456Z");

    @Test
    void aStoredEntryVerifiesAgainstItsHash() {
        String hash = hash("prev", "{\"operation\":\"x\"}");
        AuditLogEntry entry = new AuditLogEntry(
                id,
                at,
                "p",
                "user",
                AuditPurpose.ADMIN,
                AuditAction.WRITE,
                "asset",
                "r",
                AuditOutcome.SUCCESS,
                "127.0.0.0",
                "{\"operation\":\"x\"}",
                "prev",
                hash);

        assertThat(ChainHash.of(entry)).isEqualTo(hash).hasSize(64);
    }

    @Test
    void anyChangeOfAFieldOrOfTheLinkChangesTheHash() {
        String original = hash("prev", "{}");

        assertThat(hash("prev2", "{}")).isNotEqualTo(original);
        assertThat(hash("prev", "{\"a\":1}")).isNotEqualTo(original);
        assertThat(ChainHash.compute("prev", fields(AuditAction.READ, "{}"))).isNotEqualTo(original);
    }

    @Test
    void aChainedEntryIsLinkedToThePreviousHashAndCarriesTheHashOfItsFields() {
        AuditLogEntry entry = chained("prev", "{}");

        assertThat(entry.getPrevHash()).isEqualTo("prev");
        assertThat(ChainHash.of(entry)).isEqualTo(entry.getHash()).hasSize(64);
    }

    @Test
    void theHashIsSha256OfTheLinkAndTheFieldsJoinedByUnitSeparators() {
        // Entries already stored verify only while this stays the same: the expected value is SHA-256 of
        // "prev", id, time, "p", "user", "ADMIN", "WRITE", "asset", "r", "SUCCESS", "127.0.0.0" and the
        // canonical details {"a":1,"b":"x"}, joined by U+001F, computed outside Java.
        assertThat(hash("prev", "{\"b\": \"x\", \"a\": 1}"))
                .isEqualTo("18e73ee40ba7a4c05e1409b66088f55d94256b405c76512cedecfd7ba2816ee8");
    }

    @Test
    void detailsHashTheSameWhateverTheirSpacingAndKeyOrder() {
        assertThat(hash("prev", "{\"b\":1,\"a\":\"x\"}")).isEqualTo(hash("prev", "{\"a\": \"x\", \"b\": 1}"));
    }

    @Test
    void theWriterStoresAndHashesTextHoldingTheSeparatorWithTheReplacementCharacter() {
        // A caller's text (a role name, a resource id taken from a call) holding U+001F, the hash's separator.
        AuditLogEntry entry = ChainHash.chained(
                "prev",
                new AuditFields(
                        id,
                        at,
                        "p",
                        "user\u001fadmin",
                        AuditPurpose.ADMIN,
                        AuditAction.WRITE,
                        "asset\u001fr",
                        "x",
                        AuditOutcome.SUCCESS,
                        "\u001f127.0.0.0",
                        "{\"name\":\"a\\u001fb\"}"));

        assertThat(List.of(
                        entry.getActorPseudonym(),
                        entry.getActorRole(),
                        entry.getResourceType(),
                        entry.getResourceId(),
                        entry.getSourceIp()))
                .containsExactly("p", "user\ufffdadmin", "asset\ufffdr", "x", "\ufffd127.0.0.0")
                .noneMatch(field -> field.indexOf('\u001f') >= 0);
        assertThat(ChainHash.fieldHoldingSeparator(entry)).isNull();
        assertThat(ChainHash.of(entry)).isEqualTo(entry.getHash());
        // The same text split otherwise between the actor and role, the resource type and id: another hash.
        AuditLogEntry moved = ChainHash.chained(
                "prev",
                new AuditFields(
                        id,
                        at,
                        "p\u001fuser",
                        "admin",
                        AuditPurpose.ADMIN,
                        AuditAction.WRITE,
                        "asset",
                        "r\u001fx",
                        AuditOutcome.SUCCESS,
                        "\u001f127.0.0.0",
                        "{\"name\":\"a\\u001fb\"}"));
        assertThat(moved.getActorPseudonym()).isEqualTo("p\ufffduser");
        assertThat(moved.getHash()).isNotEqualTo(entry.getHash());
    }

    private String hash(String prev, String details) {
        return chained(prev, details).getHash();
    }

    private AuditLogEntry chained(String prev, String details) {
        return ChainHash.chained(prev, fields(AuditAction.WRITE, details));
    }

    private AuditFields fields(AuditAction action, String details) {
        return new AuditFields(
                id,
                at,
                "p",
                "user",
                AuditPurpose.ADMIN,
                action,
                "asset",
                "r",
                AuditOutcome.SUCCESS,
                "127.0.0.0",
                details);
    }
}
