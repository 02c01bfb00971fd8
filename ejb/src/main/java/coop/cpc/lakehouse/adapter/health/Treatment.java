package coop.cpc.lakehouse.adapter.health;

/** What a research extract does with a column of a given identifier kind. */
public enum Treatment {
    /** Left out of the extract. */
    REMOVE,
    /** Replaced by a pseudonym drawn at random for this extract. */
    PSEUDONYM,
    /** Kept as the ZIP's first three digits ({@code 000} for the sparsely populated areas), a quasi-identifier. */
    ZIP3,
    /** Kept as its year only. */
    YEAR,
    /** Kept as the age in years on the extract's date, over 89 as {@code 90+}, a quasi-identifier. */
    AGE,
    /** Kept as it is, a quasi-identifier. */
    QUASI,
    /** Kept only when the free-text scrubber proves every value clean, else removed. */
    SCRUB,
    /** Kept as it is (not about who the person is). */
    KEEP
}
