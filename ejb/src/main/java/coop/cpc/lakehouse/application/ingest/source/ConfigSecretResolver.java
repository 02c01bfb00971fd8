package coop.cpc.lakehouse.application.ingest.source;

import coop.cpc.lakehouse.ingest.http.SecretResolver;
import java.util.Optional;
import java.util.regex.Pattern;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * Secrets by alias from MicroProfile Config: property {@code lakehouse.secrets.<alias>}, e.g. the
 * environment variable {@code LAKEHOUSE_SECRETS_CRM_API_TOKEN} for alias {@code crm_api_token}.
 * Job definitions, checkpoints, logs and the API only ever hold the alias.
 */
public final class ConfigSecretResolver implements SecretResolver {
    public static final String PREFIX = "lakehouse.secrets.";
    public static final Pattern ALIAS = Pattern.compile("[a-z][a-z0-9_]{0,62}");

    @Override
    public Optional<String> resolve(String alias) {
        if (alias == null || !ALIAS.matcher(alias).matches()) {
            return Optional.empty();
        }
        return ConfigProvider.getConfig().getOptionalValue(PREFIX + alias, String.class);
    }
}
