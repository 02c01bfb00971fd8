package coop.cpc.lakehouse.application.source;

import coop.cpc.lakehouse.application.InvalidInputException;
import coop.cpc.lakehouse.ingest.secret.SecretDestination;
import coop.cpc.lakehouse.ingest.secret.SecretRefusedException;

/** The checks of a secret alias in source settings, shared by the kinds that take one. */
public final class SecretAliases {

    private SecretAliases() {}

    /** An alias, never a secret: a value that does not look like one is refused. */
    public static void requireAlias(String field, String alias) throws InvalidInputException {
        if (alias != null && !ConfigSecretResolver.isAlias(alias)) {
            throw new InvalidInputException(
                    field + " must be an alias like crm_api_token ([a-z][a-z0-9_]*, not ending in "
                            + "_allowed), not a secret");
        }
    }

    /** The alias must be bound to the destination; whether its secret is configured is checked when a run needs it. */
    public static void requireBound(String field, SourceGuards guards, String alias, SecretDestination destination)
            throws InvalidInputException {
        try {
            guards.secrets().requireBound(field, alias, destination);
        } catch (SecretRefusedException e) {
            throw new InvalidInputException(e.getMessage());
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException(
                    field + ": the binding of alias '" + alias + "' is misconfigured (" + e.getMessage() + ")");
        }
    }
}
