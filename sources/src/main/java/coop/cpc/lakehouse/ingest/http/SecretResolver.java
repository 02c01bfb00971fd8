package coop.cpc.lakehouse.ingest.http;

import coop.cpc.lakehouse.ingest.secret.SecretBinding;
import coop.cpc.lakehouse.ingest.secret.SecretDestination;
import coop.cpc.lakehouse.ingest.secret.SecretRefusedException;
import java.util.Map;
import java.util.Optional;

/**
 * Looks up a secret by the alias a source's configuration names, so configuration, checkpoints
 * and logs only ever hold the alias, and hands it out only for a destination the alias is bound
 * to. Implementations must not log the secret either.
 */
@FunctionalInterface
public interface SecretResolver {

    /** The secret, or empty when the alias is unknown. Sources call {@link #resolveFor} instead. */
    Optional<String> resolve(String alias);

    /** Where the alias's secret may be sent; empty when it has no binding, and then it goes nowhere. */
    default Optional<SecretBinding> binding(String alias) {
        return Optional.empty();
    }

    /**
     * Refuses, before the secret is read, an alias without a binding or one not bound to the destination.
     *
     * @param field how messages name the alias's field, e.g. {@code httpApi.auth.secretAlias}
     */
    default SecretBinding requireBound(String field, String alias, SecretDestination destination)
            throws SecretRefusedException {
        SecretBinding binding = binding(alias)
                .filter(b -> !b.isEmpty())
                .orElseThrow(() -> new SecretRefusedException(field + ": secret alias '" + alias
                        + "' has no binding, so it is sent nowhere; the operator binds it " + "with lakehouse.secrets."
                        + alias + ".allowed (URL prefixes, hosts, postgresql://host:port/database)"));
        if (!binding.permits(destination)) {
            throw new SecretRefusedException(field + ": secret alias '" + alias + "' is not bound to " + destination
                    + " (lakehouse.secrets." + alias + ".allowed)");
        }
        return binding;
    }

    /** The secret for a destination its binding permits. */
    default String resolveFor(String field, String alias, SecretDestination destination) throws SecretRefusedException {
        requireBound(field, alias, destination);
        return resolve(alias)
                .filter(s -> !s.isEmpty())
                .orElseThrow(() -> new SecretRefusedException(field + ": no secret is configured for alias '" + alias
                        + "' (lakehouse.secrets." + alias + ")"));
    }

    /** Fixed secrets and bindings, for tests and tools. */
    static SecretResolver of(Map<String, String> secrets, Map<String, SecretBinding> bindings) {
        return new SecretResolver() {
            @Override
            public Optional<String> resolve(String alias) {
                return Optional.ofNullable(secrets.get(alias));
            }

            @Override
            public Optional<SecretBinding> binding(String alias) {
                return Optional.ofNullable(bindings.get(alias));
            }
        };
    }
}
