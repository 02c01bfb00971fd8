package coop.cpc.lakehouse.application.audit;

import static coop.cpc.lakehouse.application.audit.StoredEntryEdits.withActor;
import static coop.cpc.lakehouse.application.audit.StoredEntryEdits.withResourceId;
import static coop.cpc.lakehouse.application.audit.StoredEntryEdits.withRole;
import static coop.cpc.lakehouse.application.audit.StoredEntryEdits.withSourceIp;
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
    void theFirstRuleHashIsSha256OfTheLinkAndTheFieldsJoinedByUnitSeparators() {
        // Entries written before session 26 verify only while this stays the same: the expected value is SHA-256 of
        // "prev", id, time, "p", "user", "ADMIN", "WRITE", "asset", "r", "SUCCESS", "127.0.0.0" and the
        // canonical details {"a":1,"b":"x"}, joined by U+001F, computed outside Java.
        assertThat(ChainHash.computeFirstRule("prev", fields(AuditAction.WRITE, "{\"b\": \"x\", \"a\": 1}")))
                .isEqualTo("18e73ee40ba7a4c05e1409b66088f55d94256b405c76512cedecfd7ba2816ee8");
    }

    @Test
    void theHashIsSha256OfTheRuleTheLinkAndTheFieldsWithEachNullableFieldMarkedPresentOrNull() {
        // Entries written since session 26 verify only while this stays the same. Computed outside Java (Python's
        // hashlib): SHA-256 of "v2", "+prev", id, time, "+p", "+user", "ADMIN", "WRITE", "asset", "+r", "SUCCESS",
        // "+127.0.0.0" and {"a":1,"b":"x"} joined by U+001F; then of "v2", "-", id, time, "-", "+", "ADMIN",
        // "WRITE", "asset", "-", "SUCCESS", "+", {"a":1,"b":"x"} (link, pseudonym and resource id NULL, roles and
        // address empty).
        assertThat(hash("prev", "{\"b\": \"x\", \"a\": 1}"))
                .isEqualTo("5f7a575339d17f6abe07081e7d755d8c34f6946b6d89a4e7b50b2214e8c92a29");
        assertThat(ChainHash.compute(
                        null,
                        new AuditFields(
                                id,
                                at,
                                null,
                                "",
                                AuditPurpose.ADMIN,
                                AuditAction.WRITE,
                                "asset",
                                null,
                                AuditOutcome.SUCCESS,
                                "",
                                "{\"a\":1,\"b\":\"x\"}")))
                .isEqualTo("f369e8147b9a3c82ab6a1809b9a6dc2261d8863e38215c7d6d727360af1b2313");
    }

    @Test
    void aFieldChangedFromNullToEmptyChangesTheHash() {
        AuditFields nulls = new AuditFields(
                id,
                at,
                null,
                null,
                AuditPurpose.ADMIN,
                AuditAction.WRITE,
                "asset",
                null,
                AuditOutcome.SUCCESS,
                null,
                "{}");
        String original = ChainHash.compute(null, nulls);

        assertThat(List.of(
                        ChainHash.compute("", nulls),
                        ChainHash.compute(null, withActor(nulls, "")),
                        ChainHash.compute(null, withRole(nulls, "")),
                        ChainHash.compute(null, withResourceId(nulls, "")),
                        ChainHash.compute(null, withSourceIp(nulls, ""))))
                .doesNotHaveDuplicates()
                .doesNotContain(original);
        // The first rule could not tell them apart.
        assertThat(ChainHash.computeFirstRule(null, withResourceId(nulls, "")))
                .isEqualTo(ChainHash.computeFirstRule(null, nulls));
    }

    @Test
    void anEntryVerifiesByTheRuleItsHashWasMadeByAndByNoOther() {
        AuditFields written = fields(AuditAction.WRITE, "{}");
        AuditLogEntry second = entry(written, ChainHash.compute("prev", written));
        AuditLogEntry first = entry(written, ChainHash.computeFirstRule("prev", written));

        assertThat(ChainHash.verifies(second)).isTrue();
        assertThat(ChainHash.verifies(first)).isTrue();
        assertThat(first.getHash()).isNotEqualTo(second.getHash());
        // Changed from '' to NULL: an entry hashed by the second rule no longer verifies by either rule.
        AuditFields emptyAddress = withSourceIp(written, "");
        AuditLogEntry changed = entry(withSourceIp(written, null), ChainHash.compute("prev", emptyAddress));
        assertThat(ChainHash.verifies(changed)).isFalse();
    }

    private AuditLogEntry entry(AuditFields f, String hash) {
        return f.toEntry("prev", hash);
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
