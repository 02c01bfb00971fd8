package coop.cpc.lakehouse.application.audit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import coop.cpc.lakehouse.catalog.audit.AuditAction;
import coop.cpc.lakehouse.catalog.audit.AuditLogEntry;
import coop.cpc.lakehouse.catalog.audit.AuditOutcome;
import coop.cpc.lakehouse.catalog.audit.AuditPurpose;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Objects;
import java.util.UUID;

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
        return compute(
                e.getPrevHash(),
                e.getId(),
                e.getOccurredAt(),
                e.getActorPseudonym(),
                e.getActorRole(),
                e.getPurpose(),
                e.getAction(),
                e.getResourceType(),
                e.getResourceId(),
                e.getOutcome(),
                e.getSourceIp(),
                e.getDetails());
    }

    /** A new entry linked to {@code prevHash}, with the hash of its fields. */
    static AuditLogEntry chained(
            String prevHash,
            UUID id,
            Instant occurredAt,
            String actor,
            String role,
            AuditPurpose purpose,
            AuditAction action,
            String resourceType,
            String resourceId,
            AuditOutcome outcome,
            String sourceIp,
            String details) {
        String hash = compute(
                prevHash,
                id,
                occurredAt,
                actor,
                role,
                purpose,
                action,
                resourceType,
                resourceId,
                outcome,
                sourceIp,
                details);
        return new AuditLogEntry(
                id,
                occurredAt,
                actor,
                role,
                purpose,
                action,
                resourceType,
                resourceId,
                outcome,
                sourceIp,
                details,
                prevHash,
                hash);
    }

    /** @param occurredAt as stored: truncated to microseconds */
    static String compute(
            String prevHash,
            UUID id,
            Instant occurredAt,
            String actor,
            String role,
            AuditPurpose purpose,
            AuditAction action,
            String resourceType,
            String resourceId,
            AuditOutcome outcome,
            String sourceIp,
            String details) {
        String canonical = String.join(
                "\u001f",
                Objects.toString(prevHash, ""),
                id.toString(),
                occurredAt.toString(),
                Objects.toString(actor, ""),
                Objects.toString(role, ""),
                purpose.name(),
                action.name(),
                resourceType,
                Objects.toString(resourceId, ""),
                outcome.name(),
                Objects.toString(sourceIp, ""),
                canonical(details));
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(canonical.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
