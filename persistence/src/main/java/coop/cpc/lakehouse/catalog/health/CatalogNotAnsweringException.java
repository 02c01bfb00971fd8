package coop.cpc.lakehouse.catalog.health;

import java.sql.SQLException;

/** The catalog database did not answer a {@link CatalogSchemaProbe} within its bound (it may be hung, not down). */
public final class CatalogNotAnsweringException extends SQLException {
    private static final long serialVersionUID = 1L;

    private final boolean earlierQuestion;

    CatalogNotAnsweringException(String message, boolean earlierQuestion) {
        super(message);
        this.earlierQuestion = earlierQuestion;
    }

    /** Whether an earlier question is the one waiting (told already), not this caller's. */
    public boolean earlierQuestion() {
        return earlierQuestion;
    }
}
