package coop.cpc.lakehouse.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import coop.cpc.lakehouse.config.LakehouseSettings;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.X509EncodedKeySpec;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TokenCommandTest {
    @TempDir
    Path dir;

    private static LakehouseSettings settings(Map<String, String> values) {
        return LakehouseSettings.from(name -> Optional.ofNullable(values.get(name)));
    }

    @Test
    void printsOnlyAnRs256TokenThatTheKeepersPublicKeyVerifies() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();

        int exit = TokenCommand.run(
                new String[] {"--user", "alice", "--roles", "operator,viewer", "--minutes", "5"},
                settings(Map.of()),
                dir.resolve("jwt"),
                new PrintStream(out),
                new PrintStream(err));

        assertThat(exit).isZero();
        assertThat(err.toString()).isEmpty();
        String token = out.toString(StandardCharsets.UTF_8).strip();
        assertThat(token).doesNotContain("\n").matches("[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+");
        String[] parts = token.split("\\.");
        ObjectMapper json = new ObjectMapper();
        JsonNode header = json.readTree(Base64.getUrlDecoder().decode(parts[0]));
        JsonNode claims = json.readTree(Base64.getUrlDecoder().decode(parts[1]));
        assertThat(header.get("alg").asText()).isEqualTo("RS256");
        assertThat(claims.get("iss").asText()).isEqualTo("lakehouse-local");
        assertThat(claims.get("aud").asText()).isEqualTo("lakehouse");
        assertThat(claims.get("upn").asText()).isEqualTo("alice");
        assertThat(claims.get("groups").toString()).isEqualTo("[\"operator\",\"viewer\"]");
        long exp = claims.get("exp").asLong();
        assertThat(exp - claims.get("iat").asLong()).isEqualTo(300);
        assertThat(exp).isGreaterThan(Instant.now().getEpochSecond());

        byte[] der = Base64.getMimeDecoder()
                .decode(Files.readString(dir.resolve("jwt/public-key.pem"))
                        .replaceAll("-----(BEGIN|END) PUBLIC KEY-----", "")
                        .trim());
        PublicKey key = KeyFactory.getInstance("RSA").generatePublic(new X509EncodedKeySpec(der));
        Signature rsa = Signature.getInstance("SHA256withRSA");
        rsa.initVerify(key);
        rsa.update((parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII));
        assertThat(rsa.verify(Base64.getUrlDecoder().decode(parts[2]))).isTrue();
    }

    @Test
    void theKeyIsCreatedOnceReadableByItsOwnerOnlyAndReused() throws Exception {
        SigningKeys first = SigningKeys.ensure(dir);
        String publicKey = Files.readString(first.publicKeyFile());
        SigningKeys second = SigningKeys.ensure(dir);

        assertThat(Files.readString(second.publicKeyFile())).isEqualTo(publicKey);
        assertThat(second.privateKey().getEncoded())
                .isEqualTo(first.privateKey().getEncoded());
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("signing-key.pem"))))
                .isEqualTo("rw-------");
        assertThat(Files.readString(first.jwksFile()))
                .contains("\"kid\":\"lakehouse-local\"")
                .contains("\"kty\":\"RSA\"");
    }

    @Test
    void refusesBadArgumentsNamingThem() {
        assertThatThrownBy(() -> TokenCommand.parse(List.of("--user", "alice", "--roles", "root")))
                .hasMessage("--roles: unknown role 'root'");
        assertThatThrownBy(
                        () -> TokenCommand.parse(List.of("--user", "alice", "--roles", "admin", "--minutes", "1441")))
                .hasMessage("--minutes must be an integer from 1 to 1440");
        assertThatThrownBy(() -> TokenCommand.parse(List.of("--user", "a b", "--roles", "admin")))
                .hasMessage("--user must be 1 to 64 letters, digits or ._@-");
        assertThatThrownBy(() -> TokenCommand.parse(List.of("--roles", "admin")))
                .hasMessage("--user and --roles are required");
        assertThat(TokenCommand.parse(List.of("--user", "bob", "--roles", "auditor"))
                        .minutes())
                .isEqualTo(60);
    }

    @Test
    void refusesToMintWhenAnotherIssuerIsTrusted() throws Exception {
        ByteArrayOutputStream err = new ByteArrayOutputStream();

        int exit = TokenCommand.run(
                new String[] {"--user", "alice", "--roles", "admin"},
                settings(Map.of("data_lakehouse.jwt_public_key", "https://sso.example.org/certs")),
                dir.resolve("jwt"),
                new PrintStream(new ByteArrayOutputStream()),
                new PrintStream(err));

        assertThat(exit).isEqualTo(2);
        assertThat(err.toString()).contains("jwt_public_key is set");
        assertThat(dir.resolve("jwt")).doesNotExist();
    }
}
