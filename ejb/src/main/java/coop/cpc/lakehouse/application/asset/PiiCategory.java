package coop.cpc.lakehouse.application.asset;

/** How a column relates to a person, which decides how audit and anonymization treat it. */
public enum PiiCategory {
    /** Not about a person. */
    NONE,
    /** Identifies a person on its own (name, e-mail, record number: HIPAA Safe Harbor identifiers). */
    DIRECT_IDENTIFIER,
    /** Identifies a person in combination (birth date, ZIP code, sex). */
    QUASI_IDENTIFIER,
    /** Sensitive about a person (diagnosis, balance) without identifying them. */
    SENSITIVE
}
