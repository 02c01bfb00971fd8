package coop.cpc.lakehouse.application;

import java.nio.charset.StandardCharsets;

/** A PostgreSQL role name from a request (a source's {@code user}): not blank, within PostgreSQL's 63 bytes. */
public final class RoleNames {
    /** PostgreSQL's longest name, in bytes (NAMEDATALEN - 1); a character takes 1 to 4 of them in UTF-8. */
    public static final int MAX_BYTES = 63;

    private RoleNames() {}

    /**
     * @param field the request's field, named by a refusal
     * @throws InvalidInputException when {@code user} is null or blank, or longer than {@link #MAX_BYTES} in UTF-8
     */
    public static void require(String field, String user) throws InvalidInputException {
        if (user == null || user.isBlank()) {
            throw new InvalidInputException(field + " must be a role name");
        }
        // A character takes 1 to 4 bytes in UTF-8: a name of more than 4 x 63 characters is not encoded to count.
        int bytes = user.length() > 4 * MAX_BYTES ? -1 : user.getBytes(StandardCharsets.UTF_8).length;
        if (bytes < 0 || bytes > MAX_BYTES) {
            throw new InvalidInputException(field + ": a PostgreSQL role name has at most " + MAX_BYTES
                    + " bytes in UTF-8; this one has " + (bytes < 0 ? "over " + MAX_BYTES : bytes));
        }
    }
}
