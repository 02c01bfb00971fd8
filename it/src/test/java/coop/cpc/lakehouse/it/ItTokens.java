package coop.cpc.lakehouse.it;

import coop.cpc.lakehouse.launcher.JwtMinter;
import coop.cpc.lakehouse.launcher.SigningKeys;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * Tokens for the integration tests, signed with the test key pair the build creates in
 * {@code target/jwt} (the same code as the launcher's key); the test servers trust its public key
 * and the issuer {@value #ISSUER} (arquillian.xml, {@link #serverProperties()}).
 */
public final class ItTokens {
    public static final String ISSUER = "https://it.lakehouse.test";
    public static final String AUDIENCE = "lakehouse";
    public static final String USER = "it-user";
    private static final Duration LIFETIME = Duration.ofMinutes(30);
    private static volatile SigningKeys keys;

    private ItTokens() {}

    public static SigningKeys keys() {
        SigningKeys current = keys;
        if (current == null) {
            try {
                current = SigningKeys.ensure(keyDirectory());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            keys = current;
        }
        return current;
    }

    static Path keyDirectory() {
        return Path.of(System.getProperty("lakehouse.it.dir", "target"), "jwt");
    }

    public static JwtMinter minter() {
        return new JwtMinter(keys().privateKey(), SigningKeys.KEY_ID);
    }

    /** A valid token of {@value #USER} with these roles. */
    public static String token(String... roles) {
        return minter().token(ISSUER, AUDIENCE, USER, List.of(roles), LIFETIME);
    }

    /**
     * The token the tests' clients send by default: admin, or for a purpose admins may not declare
     * the role that may (RESEARCH: researcher; ANALYTICS, MACHINE_LEARNING: analyst).
     */
    public static String forPurpose(String purpose) {
        if ("RESEARCH".equals(purpose)) {
            return token("researcher");
        }
        if ("ANALYTICS".equals(purpose) || "MACHINE_LEARNING".equals(purpose)) {
            return token("analyst");
        }
        return token("admin");
    }

    /** The system properties a test's own server needs to trust these tokens. */
    public static Map<String, String> serverProperties() {
        return Map.of(
                "data_lakehouse.jwt_issuer",
                ISSUER,
                "data_lakehouse.jwt_public_key",
                keys().publicKeyFile().toAbsolutePath().toString(),
                "data_lakehouse.jwt_audience",
                AUDIENCE);
    }
}
