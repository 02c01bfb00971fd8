package coop.cpc.lakehouse.launcher;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.Signature;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.UUID;

/**
 * Signs MicroProfile JWTs with RS256 (RFC 7515/7519): the claims the MicroProfile JWT specification
 * requires ({@code iss, sub, upn, groups, iat, exp, jti}, and {@code aud}), nothing more.
 */
public final class JwtMinter {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final PrivateKey key;
    private final String keyId;

    public JwtMinter(PrivateKey key, String keyId) {
        this.key = key;
        this.keyId = keyId;
    }

    /** The claims of a token for {@code user} with {@code roles}, issued now and valid for {@code lifetime}. */
    public static ObjectNode claims(
            String issuer, String audience, String user, List<String> roles, Instant issuedAt, Duration lifetime) {
        ObjectNode claims = JSON.createObjectNode();
        claims.put("iss", issuer);
        if (audience != null) {
            claims.put("aud", audience);
        }
        claims.put("sub", user);
        claims.put("upn", user);
        claims.put("preferred_username", user);
        claims.set("groups", JSON.valueToTree(roles));
        claims.put("iat", issuedAt.getEpochSecond());
        claims.put("exp", issuedAt.plus(lifetime).getEpochSecond());
        claims.put("jti", UUID.randomUUID().toString());
        return claims;
    }

    public String token(String issuer, String audience, String user, List<String> roles, Duration lifetime) {
        return sign(claims(issuer, audience, user, roles, Instant.now(), lifetime));
    }

    /** The compact serialization: base64url(header) . base64url(claims) . base64url(RS256 signature). */
    public String sign(ObjectNode claims) {
        ObjectNode header = JSON.createObjectNode();
        header.put("alg", "RS256");
        header.put("typ", "JWT");
        header.put("kid", keyId);
        String signingInput = base64Url(header.toString().getBytes(StandardCharsets.UTF_8)) + "."
                + base64Url(claims.toString().getBytes(StandardCharsets.UTF_8));
        try {
            Signature rsa = Signature.getInstance("SHA256withRSA");
            rsa.initSign(key);
            rsa.update(signingInput.getBytes(StandardCharsets.US_ASCII));
            return signingInput + "." + base64Url(rsa.sign());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("RS256 signing failed", e);
        }
    }

    private static String base64Url(byte[] bytes) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
