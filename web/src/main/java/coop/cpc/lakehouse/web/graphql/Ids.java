package coop.cpc.lakehouse.web.graphql;

import coop.cpc.lakehouse.application.InvalidInputException;
import coop.cpc.lakehouse.application.Names;
import java.util.UUID;

/** Ids as the API shows them (UUID strings). */
final class Ids {
    private Ids() {
    }

    static UUID parse(String field, String id) throws InvalidInputException {
        try {
            return UUID.fromString(id);
        } catch (RuntimeException e) {
            throw new InvalidInputException(field + " '" + Names.abbreviate(String.valueOf(id)) + "' is not an id (a UUID)");
        }
    }

    /** A UUID, or null when {@code id} is null (an optional field left out). */
    static UUID parseOptional(String field, String id) throws InvalidInputException {
        return id == null ? null : parse(field, id);
    }
}
