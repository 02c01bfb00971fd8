package coop.cpc.lakehouse.adapter.health;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Which identifier kind a source column holds: by its name when the name is one the rules know
 * (the health adapter's own columns and the usual spellings), otherwise by its PII category and type:
 * not about a person → kept (text: scrubbed as free text), sensitive → kept (text: scrubbed),
 * a direct identifier → removed, a quasi-identifier the rules have no hierarchy for → unknown, dropped.
 * A {@code bytes} column is binary content nothing can prove clean: removed whatever its category (or
 * its name, unless the name is one of a Safe Harbor identifier, which is removed too).
 */
public final class ColumnKinds {

    /** The PII category a column is declared with (the catalog's, by name). */
    public enum Pii {
        NONE,
        DIRECT_IDENTIFIER,
        QUASI_IDENTIFIER,
        SENSITIVE
    }

    private static final Map<String, IdentifierKind> BY_NAME = Map.ofEntries(
            Map.entry("user_id", IdentifierKind.SUBJECT),
            Map.entry("patient_id", IdentifierKind.SUBJECT),
            Map.entry("subject_id", IdentifierKind.SUBJECT),
            Map.entry("name", IdentifierKind.NAME),
            Map.entry("given_name", IdentifierKind.NAME),
            Map.entry("family_name", IdentifierKind.NAME),
            Map.entry("first_name", IdentifierKind.NAME),
            Map.entry("last_name", IdentifierKind.NAME),
            Map.entry("street", IdentifierKind.GEOGRAPHY),
            Map.entry("address", IdentifierKind.GEOGRAPHY),
            Map.entry("city", IdentifierKind.GEOGRAPHY),
            Map.entry("county", IdentifierKind.GEOGRAPHY),
            Map.entry("latitude", IdentifierKind.GEOGRAPHY),
            Map.entry("longitude", IdentifierKind.GEOGRAPHY),
            Map.entry("zip", IdentifierKind.ZIP),
            Map.entry("zip_code", IdentifierKind.ZIP),
            Map.entry("postal_code", IdentifierKind.ZIP),
            Map.entry("state", IdentifierKind.STATE),
            Map.entry("birth_date", IdentifierKind.BIRTH_DATE),
            Map.entry("date_of_birth", IdentifierKind.BIRTH_DATE),
            Map.entry("age", IdentifierKind.AGE),
            Map.entry("timestamp", IdentifierKind.DATE),
            Map.entry("admission_date", IdentifierKind.DATE),
            Map.entry("discharge_date", IdentifierKind.DATE),
            Map.entry("death_date", IdentifierKind.DATE),
            Map.entry("phone", IdentifierKind.PHONE),
            Map.entry("fax", IdentifierKind.FAX),
            Map.entry("email", IdentifierKind.EMAIL),
            Map.entry("ssn", IdentifierKind.SSN),
            Map.entry("medical_record_number", IdentifierKind.MEDICAL_RECORD),
            Map.entry("mrn", IdentifierKind.MEDICAL_RECORD),
            Map.entry("health_plan_id", IdentifierKind.HEALTH_PLAN),
            Map.entry("account_number", IdentifierKind.ACCOUNT),
            Map.entry("license_number", IdentifierKind.LICENSE),
            Map.entry("vehicle_id", IdentifierKind.VEHICLE),
            Map.entry("license_plate", IdentifierKind.VEHICLE),
            Map.entry("device_id", IdentifierKind.DEVICE),
            Map.entry("device_serial", IdentifierKind.DEVICE),
            Map.entry("url", IdentifierKind.URL),
            Map.entry("ip_address", IdentifierKind.IP_ADDRESS),
            Map.entry("fingerprint", IdentifierKind.BIOMETRIC),
            Map.entry("voice_print", IdentifierKind.BIOMETRIC),
            Map.entry("photo", IdentifierKind.PHOTO),
            Map.entry("id", IdentifierKind.OTHER_UNIQUE_ID),
            Map.entry("sex", IdentifierKind.SEX),
            Map.entry("notes", IdentifierKind.FREE_TEXT));

    private ColumnKinds() {}

    /** The kind the rules know for a column name, if any. */
    public static Optional<IdentifierKind> byName(String column) {
        return Optional.ofNullable(BY_NAME.get(column.toLowerCase(Locale.ROOT)));
    }

    /**
     * @param type its lakehouse type ({@code string}, {@code bytes}, {@code int64}, ...)
     * @param pii  its declared category, or null when it has none the rules know
     */
    public static IdentifierKind of(String column, String type, Pii pii) {
        Optional<IdentifierKind> named = byName(column);
        if ("bytes".equals(type)) {
            return named.filter(k -> k.treatment() == Treatment.REMOVE).orElse(IdentifierKind.BINARY);
        }
        if (named.isPresent()) {
            return named.get();
        }
        if (pii == null) {
            return IdentifierKind.UNKNOWN;
        }
        return switch (pii) {
            case NONE, SENSITIVE -> "string".equals(type) ? IdentifierKind.FREE_TEXT : IdentifierKind.NOT_IDENTIFYING;
            case DIRECT_IDENTIFIER -> IdentifierKind.OTHER_UNIQUE_ID;
            case QUASI_IDENTIFIER -> IdentifierKind.UNKNOWN;
        };
    }
}
