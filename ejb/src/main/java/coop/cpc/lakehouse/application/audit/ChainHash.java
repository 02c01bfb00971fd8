package coop.cpc.lakehouse.application.audit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import coop.cpc.lakehouse.catalog.audit.AuditLogEntry;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Objects;

/**
 * The hash of an audit entry: SHA-256 over the previous entry's hash and every field of this one,
 * so changing, removing or reordering an entry breaks the chain from there on. The details JSON
 * enters in a canonical form (keys sorted, no spaces), since jsonb does not keep the text it got.
 */
final class ChainHash {
    private static final ObjectMapper CANONICAL = JsonMapper.builder()
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
            .build();

    private ChainHash() {}

    static String canonical(String json) {
        try {
            return CANONICAL.writeValueAsString(CANONICAL.readValue(json, Object.class));
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("audit details are not JSON", e);
        }
    }

    /** Recomputes a stored entry's hash, to verify it. */
    static String of(AuditLogEntry e) {
        return compute(e.getPrevHash(), AuditFields.of(e));
    }

    /** A new entry linked to {@code prevHash}, with the hash of its fields. */
    static AuditLogEntry chained(String prevHash, AuditFields f) {
        return new AuditLogEntry(
                f.id(),
                f.occurredAt(),
                f.actor(),
                f.role(),
                f.purpose(),
                f.action(),
                f.resourceType(),
                f.resourceId(),
                f.outcome(),
                f.sourceIp(),
                f.details(),
                prevHash,
                compute(prevHash, f));
    }

    static String compute(String prevHash, AuditFields f) {
        String canonical = String.join(
                "\u001f",
                Objects.toString(prevHash, ""),
                f.id().toString(),
                f.occurredAt().toString(),
                Objects.toString(f.actor(), ""),
                Objects.toString(f.role(), ""),
                f.purpose().name(),
                f.action().name(),
                f.resourceType(),
                Objects.toString(f.resourceId(), ""),
                f.outcome().name(),
                Objects.toString(f.sourceIp(), ""),
                canonical(f.details()));
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(canonical.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
