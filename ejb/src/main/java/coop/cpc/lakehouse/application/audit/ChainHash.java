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
 *
 * <p>The fields are joined by U+001F ({@link #SEPARATOR}), so the hash tells entries apart only while no field
 * holds it: otherwise text moved across the boundary of two adjacent fields (resource type "a" U+001F "b" with
 * resource id "c", and resource type "a" with resource id "b" U+001F "c") keeps the hash. The writer therefore stores every text field with U+001F replaced by U+FFFD
 * ({@link #storable}); the canonical details JSON escapes it already. A stored field that holds
 * U+001F was not written here, and the verifier takes it as tampering ({@link #fieldHoldingSeparator}). Entries
 * stored before this rule hash the same as before: none of them holds U+001F unless it was tampered with or a
 * caller's text carried one (the entry is then reported, as it cannot be told from a forged one).
 *
 * <p>Two rules of the hashed text. The first ({@link #computeFirstRule}, every entry written before session 26) wrote
 * a NULL field as empty text, so a field changed from NULL to '' or back kept the hash. The second ({@link #compute},
 * every entry written since) begins with {@link #SECOND_RULE} and writes each field the catalog lets be NULL (the
 * link, pseudonym, roles, resource id and address) as {@code -} when NULL and {@code +} and its text otherwise. No
 * version is stored: an entry verifies if its hash is that of its fields under either rule ({@link #verifies}), which
 * keeps every chain written before verifying as it did, while a stored hash commits to the rule it was made by: the
 * second rule's text never equals the first's (its second field starts with {@code +} or {@code -}, the first's is
 * the entry's id), so an entry hashed by the second rule and changed from NULL to '' matches neither rule (barring a
 * SHA-256 collision). An entry written before keeps the first rule's blind spot: its NULL and '' still hash the same.
 */
final class ChainHash {
    /** What joins the fields in the hashed text: no stored field (but the details JSON, escaped) holds it. */
    static final char SEPARATOR = '\u001f';
    /** What the writer stores in place of a {@link #SEPARATOR} in a field's text. */
    static final char REPLACEMENT = '\ufffd';
    /** The first field of the second rule's hashed text (the first rule's first field is the link: a hash or empty). */
    static final String SECOND_RULE = "v2";

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

    /** Recomputes a stored entry's hash by the rule entries are written by now. */
    static String of(AuditLogEntry e) {
        return compute(e.getPrevHash(), AuditFields.of(e));
    }

    /**
     * Whether a stored entry's hash is that of its link and fields, by the rule it is written by now or by the first
     * rule (entries written before session 26).
     */
    static boolean verifies(AuditLogEntry e) {
        AuditFields fields = AuditFields.of(e);
        String details = canonical(fields.details());
        return e.getHash() != null
                && (e.getHash().equals(secondRule(e.getPrevHash(), fields, details))
                        || e.getHash().equals(firstRule(e.getPrevHash(), fields, details)));
    }

    /** A field's text as the writer stores it: every {@link #SEPARATOR} replaced by {@link #REPLACEMENT}. */
    static String storable(String text) {
        return text == null ? null : text.replace(SEPARATOR, REPLACEMENT);
    }

    /**
     * The name of the first field of a stored entry, its link included, whose text holds the {@link #SEPARATOR}
     * (the writer never stores one), or null: such an entry's hash cannot tell its fields apart. The details are
     * not checked: they enter the hash as canonical JSON, which escapes the separator.
     */
    static String fieldHoldingSeparator(AuditLogEntry e) {
        String[][] fields = {
            {"prev_hash", e.getPrevHash()},
            {"actor_pseudonym", e.getActorPseudonym()},
            {"actor_role", e.getActorRole()},
            {"resource_type", e.getResourceType()},
            {"resource_id", e.getResourceId()},
            {"source_ip", e.getSourceIp()}
        };
        for (String[] field : fields) {
            if (field[1] != null && field[1].indexOf(SEPARATOR) >= 0) {
                return field[0];
            }
        }
        return null;
    }

    /**
     * A new entry linked to {@code prevHash}, with the hash of its fields: every text field stored and hashed
     * {@link #storable}, so no field of it holds the separator.
     */
    static AuditLogEntry chained(String prevHash, AuditFields written) {
        AuditFields f = written.storable();
        return f.toEntry(prevHash, compute(prevHash, f));
    }

    /**
     * The hash of an entry written now: SHA-256 over {@link #SECOND_RULE}, the link and the fields joined by
     * {@link #SEPARATOR}, each field the catalog lets be NULL written {@code -} when NULL and {@code +} and its text
     * otherwise, so NULL and '' hash apart.
     */
    static String compute(String prevHash, AuditFields f) {
        return secondRule(prevHash, f, canonical(f.details()));
    }

    private static String secondRule(String prevHash, AuditFields f, String canonicalDetails) {
        return sha256(String.join(
                String.valueOf(SEPARATOR),
                SECOND_RULE,
                nullable(prevHash),
                f.id().toString(),
                f.occurredAt().toString(),
                nullable(f.actor()),
                nullable(f.role()),
                f.purpose().name(),
                f.action().name(),
                f.resourceType(),
                nullable(f.resourceId()),
                f.outcome().name(),
                nullable(f.sourceIp()),
                canonicalDetails));
    }

    private static String nullable(String text) {
        return text == null ? "-" : "+" + text;
    }

    /**
     * The hash of an entry written before session 26: SHA-256 over the link and the fields joined by
     * {@link #SEPARATOR}, a NULL field as empty text (so NULL and '' hash the same). Kept to verify those entries.
     */
    static String computeFirstRule(String prevHash, AuditFields f) {
        return firstRule(prevHash, f, canonical(f.details()));
    }

    private static String firstRule(String prevHash, AuditFields f, String canonicalDetails) {
        return sha256(String.join(
                String.valueOf(SEPARATOR),
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
                canonicalDetails));
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
