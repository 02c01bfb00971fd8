package coop.cpc.lakehouse.config;

import java.net.URI;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The server's MicroProfile JWT and GraphQL settings derived from the lakehouse's own keys, so one
 * configuration (lakehouse.json, environment, system properties) drives them: {@code jwt_issuer},
 * {@code jwt_public_key} and {@code jwt_audience} become {@code mp.jwt.verify.*}, and
 * {@code graphql_introspection=false} hides {@code __schema} and {@code __type} (and the federation query
 * {@code _service}, which would print the schema too). Its ordinal (240)
 * lets a {@code mp.jwt.verify.*} property set directly win. An invalid configuration yields nothing
 * here: the application's own start-up check reports it, naming the key.
 */
public class SecurityConfigSource extends MapConfigSource {
    static final int ORDINAL = 240;

    static final String FIELD_VISIBILITY = "smallrye.graphql.fieldVisibility";

    /**
     * SmallRye GraphQL splits this value at commas into graphql-java {@code BlockedFields} patterns, each a
     * regular expression matched against a whole {@code Type.field} name: {@code __.*} hides every field of
     * the introspection types ({@code __Schema}, {@code __Type}, ...), so {@code __schema} and {@code __type}
     * select nothing (SmallRye's own {@code no-introspection} is that pattern alone), and
     * {@code Query\._service} hides the federation query whose {@code sdl} is the whole schema.
     */
    static final String HIDDEN_SCHEMA_FIELDS = "__.*,Query\\._service";

    /**
     * How long after its expiry (or before its issue time) a token is still accepted, on both servers: Open Liberty's
     * mpJwt would otherwise allow 5 minutes where WildFly's smallrye-jwt allows 60 s (server.xml's clockSkew says
     * the same value; docs/security.md names it).
     */
    public static final int JWT_CLOCK_SKEW_SECONDS = 60;

    /** The ServiceLoader constructor: reads the keys the way the launcher does (system properties, environment, file). */
    public SecurityConfigSource() {
        this(readSettings());
    }

    SecurityConfigSource(LakehouseSettings settings) {
        super(derive(settings));
    }

    private static Map<String, String> derive(LakehouseSettings settings) {
        Map<String, String> derived = new LinkedHashMap<>();
        if (settings != null) {
            derived.put("mp.jwt.verify.issuer", settings.jwtIssuer());
            derived.put("mp.jwt.verify.clock.skew", String.valueOf(JWT_CLOCK_SKEW_SECONDS));
            settings.jwtPublicKey().ifPresent(key -> derived.put("mp.jwt.verify.publickey.location", location(key)));
            if (!settings.jwtAudiences().isEmpty()) {
                derived.put("mp.jwt.verify.audiences", String.join(",", settings.jwtAudiences()));
            }
            if (!settings.graphqlIntrospection()) {
                derived.put(FIELD_VISIBILITY, HIDDEN_SCHEMA_FIELDS);
            }
        }
        return derived;
    }

    private static LakehouseSettings readSettings() {
        try {
            return LakehouseSettings.fromSystemAndFile(new JsonFileConfigSource());
        } catch (InvalidConfigurationException reportedByTheApplication) {
            return null;
        }
    }

    /** URLs stay as they are; a file path becomes a file: URL, which every MicroProfile JWT implementation reads. */
    static String location(String key) {
        if (key.matches("(?i)(https?|file|classpath):.*")) {
            return key;
        }
        return URI.create(Path.of(key).toAbsolutePath().toUri().toString()).toString();
    }

    @Override
    public String getName() {
        return "lakehouse security settings (jwt_*, graphql_introspection)";
    }

    @Override
    public int getOrdinal() {
        return ORDINAL;
    }
}
