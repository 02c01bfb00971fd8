package coop.cpc.lakehouse.application.source;

import coop.cpc.lakehouse.ingest.http.SecretResolver;
import coop.cpc.lakehouse.ingest.secret.SecretBinding;
import java.util.Optional;
import java.util.regex.Pattern;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * Secrets by alias from MicroProfile Config: property {@code lakehouse.secrets.<alias>}, e.g. the
 * environment variable {@code LAKEHOUSE_SECRETS_CRM_API_TOKEN} for alias {@code crm_api_token}.
 * Job definitions, checkpoints, logs and the API only ever hold the alias.
 *
 * <p>Each alias is bound to where it may be sent by {@code lakehouse.secrets.<alias>.allowed}
 * (see {@link SecretBinding}) and, for a PostgreSQL password that may go in clear text over a link
 * without verified TLS, {@code lakehouse.secrets.<alias>.allow_cleartext_password=true}. An alias
 * without a binding is sent nowhere.
 */
public final class ConfigSecretResolver implements SecretResolver {
    public static final String PREFIX = "lakehouse.secrets.";
    public static final String ALLOWED = ".allowed";
    public static final String ALLOW_CLEARTEXT_PASSWORD = ".allow_cleartext_password";
    public static final Pattern ALIAS = Pattern.compile("[a-z][a-z0-9_]{0,62}");

    /**
     * An alias names a secret: the pattern, and not ending like a binding property, whose environment
     * variable ({@code LAKEHOUSE_SECRETS_X_ALLOWED}) would otherwise also be alias {@code x_allowed}'s.
     */
    public static boolean isAlias(String alias) {
        return alias != null
                && ALIAS.matcher(alias).matches()
                && !alias.endsWith("_allowed")
                && !alias.endsWith("_allow_cleartext_password");
    }

    @Override
    public Optional<String> resolve(String alias) {
        if (!isAlias(alias)) {
            return Optional.empty();
        }
        return ConfigProvider.getConfig().getOptionalValue(PREFIX + alias, String.class);
    }

    /** @throws IllegalArgumentException when the binding property is malformed (entries are not echoed) */
    @Override
    public Optional<SecretBinding> binding(String alias) {
        if (!isAlias(alias)) {
            return Optional.empty();
        }
        var config = ConfigProvider.getConfig();
        Optional<String> allowed = config.getOptionalValue(PREFIX + alias + ALLOWED, String.class);
        boolean cleartext = config.getOptionalValue(PREFIX + alias + ALLOW_CLEARTEXT_PASSWORD, Boolean.class)
                .orElse(false);
        try {
            return allowed.map(a -> SecretBinding.parse(a, cleartext));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(PREFIX + alias + ALLOWED + ": " + e.getMessage(), e);
        }
    }
}
