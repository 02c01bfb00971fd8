package coop.cpc.lakehouse.adapter.health;

/**
 * What a column says about a person. The first eighteen are the identifier kinds of HIPAA Safe
 * Harbor (45 CFR 164.514(b)(2)(i), letters A to R); the rest are the kinds a research extract keeps
 * in some form, and {@link #UNKNOWN}, which it drops rather than guess.
 */
public enum IdentifierKind {
    NAME("A", Treatment.REMOVE),
    GEOGRAPHY("B", Treatment.REMOVE),
    ZIP("B", Treatment.ZIP3),
    DATE("C", Treatment.YEAR),
    BIRTH_DATE("C", Treatment.AGE),
    AGE("C", Treatment.AGE),
    PHONE("D", Treatment.REMOVE),
    FAX("E", Treatment.REMOVE),
    EMAIL("F", Treatment.REMOVE),
    SSN("G", Treatment.REMOVE),
    MEDICAL_RECORD("H", Treatment.REMOVE),
    HEALTH_PLAN("I", Treatment.REMOVE),
    ACCOUNT("J", Treatment.REMOVE),
    LICENSE("K", Treatment.REMOVE),
    VEHICLE("L", Treatment.REMOVE),
    DEVICE("M", Treatment.REMOVE),
    URL("N", Treatment.REMOVE),
    IP_ADDRESS("O", Treatment.REMOVE),
    BIOMETRIC("P", Treatment.REMOVE),
    PHOTO("Q", Treatment.REMOVE),
    OTHER_UNIQUE_ID("R", Treatment.REMOVE),
    /** The person's key in the source (what the rows of one person share): a per-extract pseudonym. */
    SUBJECT("R", Treatment.PSEUDONYM),
    SEX(null, Treatment.QUASI),
    /** The state (Safe Harbor allows it), a quasi-identifier: it splits the classes a ZIP3 generalization merges. */
    STATE(null, Treatment.QUASI),
    FREE_TEXT(null, Treatment.SCRUB),
    /** A measurement or category that does not say who the person is. */
    NOT_IDENTIFYING(null, Treatment.KEEP),
    /** Binary content ({@code bytes}): nothing can prove it holds no identifier, so it is dropped. */
    BINARY(null, Treatment.REMOVE),
    /** Nothing the rules know: dropped. */
    UNKNOWN(null, Treatment.REMOVE);

    private final String safeHarborLetter;
    private final Treatment treatment;

    IdentifierKind(String safeHarborLetter, Treatment treatment) {
        this.safeHarborLetter = safeHarborLetter;
        this.treatment = treatment;
    }

    /** The letter of 164.514(b)(2)(i) this kind falls under, or null when it is not a Safe Harbor identifier. */
    public String safeHarborLetter() {
        return safeHarborLetter;
    }

    public Treatment treatment() {
        return treatment;
    }
}
