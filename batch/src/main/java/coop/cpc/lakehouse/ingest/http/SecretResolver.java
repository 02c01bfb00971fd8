package coop.cpc.lakehouse.ingest.http;

import java.util.Optional;

/**
 * Looks up a secret by the alias a source's configuration names, so configuration, checkpoints
 * and logs only ever hold the alias. Implementations must not log the secret either.
 */
@FunctionalInterface
public interface SecretResolver {

    /** The secret, or empty when the alias is unknown. */
    Optional<String> resolve(String alias);
}
