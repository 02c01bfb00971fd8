package coop.cpc.lakehouse.web.graphql;

import coop.cpc.lakehouse.application.InvalidInputException;
import coop.cpc.lakehouse.application.Names;
import java.util.UUID;

/** Ids as the API shows them: UUID strings, and Jakarta Batch execution ids as strings of a positive long. */
final class Ids {
    private Ids() {}

    static UUID parse(String field, String id) throws InvalidInputException {
        try {
            return UUID.fromString(id);
        } catch (RuntimeException e) {
            throw new InvalidInputException(
                    field + " '" + Names.abbreviate(String.valueOf(id)) + "' is not an id (a UUID)");
        }
    }

    /** A UUID, or null when {@code id} is null (an optional field left out). */
    static UUID parseOptional(String field, String id) throws InvalidInputException {
        return id == null ? null : parse(field, id);
    }

    /** @throws InvalidInputException naming the field unless {@code id} is the decimal digits of a long above 0 */
    static long parseExecution(String field, String id) throws InvalidInputException {
        if (id != null && !id.isEmpty() && id.chars().allMatch(c -> c >= '0' && c <= '9')) {
            try {
                long value = Long.parseLong(id);
                if (value > 0) {
                    return value;
                }
            } catch (NumberFormatException e) {
                // too large: reported below
            }
        }
        throw new InvalidInputException(field + " '" + Names.abbreviate(String.valueOf(id))
                + "' is not an execution id (a whole number from 1 to " + Long.MAX_VALUE + ")");
    }
}
