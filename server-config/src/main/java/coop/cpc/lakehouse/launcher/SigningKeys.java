package coop.cpc.lakehouse.launcher;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;

/**
 * The RSA key pair with which the embedded default signs its local tokens: created once under
 * {@code var/jwt} (the private key readable by its owner only), then reused, so tokens stay valid
 * across restarts. The server verifies tokens with {@link #publicKeyFile()}; a JWKS copy of the
 * public key ({@link #jwksFile()}, key id {@value #KEY_ID}) is there for tools that want one.
 */
public final class SigningKeys {
    public static final String KEY_ID = "lakehouse-local";
    private static final String PRIVATE = "signing-key.pem";
    private static final String PUBLIC = "public-key.pem";
    private static final String JWKS = "public-key.jwks.json";

    private final Path directory;
    private final PrivateKey privateKey;

    private SigningKeys(Path directory, PrivateKey privateKey) {
        this.directory = directory;
        this.privateKey = privateKey;
    }

    /** For the build: {@code SigningKeys <directory>} creates a key pair there unless one exists. */
    public static void main(String[] args) throws Exception {
        if (args.length != 1) {
            throw new IllegalArgumentException("usage: SigningKeys <directory>");
        }
        ensure(Path.of(args[0]));
    }

    /** Loads the key pair in {@code directory}, creating it first if there is none. */
    public static SigningKeys ensure(Path directory) throws IOException {
        Path privateFile = directory.resolve(PRIVATE);
        try {
            if (!Files.isRegularFile(privateFile) || !Files.isRegularFile(directory.resolve(PUBLIC))) {
                create(directory);
            }
            byte[] encoded = Base64.getMimeDecoder()
                    .decode(Files.readString(privateFile)
                            .replaceAll("-----(BEGIN|END) PRIVATE KEY-----", "")
                            .trim());
            return new SigningKeys(
                    directory, KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(encoded)));
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new IOException(
                    "The signing key " + privateFile + " cannot be read; delete " + directory
                            + " to create a new one (tokens minted before become invalid)",
                    e);
        }
    }

    private static void create(Path directory) throws IOException, GeneralSecurityException {
        Files.createDirectories(directory);
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        KeyPair pair = generator.generateKeyPair();
        Path privateFile = directory.resolve(PRIVATE);
        Files.deleteIfExists(privateFile);
        Files.createFile(
                privateFile, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        Files.writeString(privateFile, pem("PRIVATE KEY", pair.getPrivate().getEncoded()));
        Files.writeString(
                directory.resolve(PUBLIC), pem("PUBLIC KEY", pair.getPublic().getEncoded()));
        Files.writeString(
                directory.resolve(JWKS), "{\"keys\":[" + jwk((RSAPublicKey) pair.getPublic(), KEY_ID) + "]}\n");
    }

    /** One RSA public key as a JWK (RFC 7517), for signatures with RS256. */
    public static String jwk(RSAPublicKey key, String keyId) {
        return "{\"kty\":\"RSA\",\"use\":\"sig\",\"alg\":\"RS256\",\"kid\":\"" + keyId + "\",\"n\":\""
                + base64Url(key.getModulus()) + "\",\"e\":\"" + base64Url(key.getPublicExponent()) + "\"}";
    }

    private static String base64Url(BigInteger value) {
        byte[] bytes = value.toByteArray();
        if (bytes.length > 1 && bytes[0] == 0) {
            bytes = java.util.Arrays.copyOfRange(bytes, 1, bytes.length);
        }
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n"
                + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der) + "\n-----END " + type + "-----\n";
    }

    public PrivateKey privateKey() {
        return privateKey;
    }

    /** The PEM public key the server verifies tokens with (jwt_public_key). */
    public Path publicKeyFile() {
        return directory.resolve(PUBLIC);
    }

    public Path jwksFile() {
        return directory.resolve(JWKS);
    }
}
