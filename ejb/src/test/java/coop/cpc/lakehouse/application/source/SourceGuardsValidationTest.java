package coop.cpc.lakehouse.application.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import coop.cpc.lakehouse.application.InvalidInputException;
import coop.cpc.lakehouse.application.source.files.FileDropSettings;
import coop.cpc.lakehouse.application.source.http.HttpApiSettings;
import coop.cpc.lakehouse.application.source.postgres.PostgresTableSettings;
import coop.cpc.lakehouse.application.source.sled.SledSettings;
import coop.cpc.lakehouse.ingest.http.SecretResolver;
import coop.cpc.lakehouse.ingest.http.SsrfGuard;
import coop.cpc.lakehouse.ingest.secret.SecretBinding;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Job creation refuses what the source guards refuse at run time, with the field named, and connects to nothing. */
class SourceGuardsValidationTest extends LocalRootFixture {

    /** Fixed answers; a test that makes the validator ask about another name fails. Nothing ever connects. */
    private static final SsrfGuard.Resolver DNS = host -> switch (host) {
        case "db.example.org", "api.example.org", "other.example.org" ->
            new InetAddress[] {InetAddress.getByAddress(host, new byte[] {93, (byte) 184, (byte) 216, 34})};
        case "localhost" -> new InetAddress[] {InetAddress.getByAddress(host, new byte[] {127, 0, 0, 1})};
        case "intranet.example.org" -> new InetAddress[] {InetAddress.getByAddress(host, new byte[] {10, 1, 2, 3})};
        default -> throw new AssertionError("the validator asked DNS about " + host);
    };

    static final SourceGuards GUARDS = new SourceGuards(
            SecretResolver.of(
                    Map.of(),
                    Map.of(
                            "sources_password", SecretBinding.parse("postgresql://db.example.org/sources", false),
                            "local_password", SecretBinding.parse("postgresql://localhost:5432/lakehouse", false),
                            "api_token", SecretBinding.parse("https://api.example.org/v1/", false))),
            () -> Optional.of("jdbc:postgresql://localhost:5432/lakehouse"),
            DNS);

    private void validate(SourceSettings source) throws InvalidInputException {
        Validation.validate(source, settings, GUARDS);
    }

    private static HttpApiSettings http(String url, String alias) {
        return Validation.http(url, null, alias == null ? null : Validation.bearer(alias));
    }

    private static PostgresTableSettings postgres(String url, String alias, String table) {
        return new PostgresTableSettings(url, "reader", alias, table, null);
    }

    @Test
    void refusesAnHttpSecretAliasSentToAUrlItIsNotBoundTo() {
        assertThatCode(() -> validate(http("https://api.example.org/v1/visits", "api_token")))
                .doesNotThrowAnyException();
        for (String url : List.of(
                "https://other.example.org/v1/visits",
                "https://api.example.org/v2/visits",
                "http://api.example.org/v1/visits",
                "https://api.example.org:8443/v1/visits",
                "https://api.example.org/v1/../admin")) {
            assertThatThrownBy(() -> validate(http(url, "api_token")))
                    .as(url)
                    .isInstanceOf(InvalidInputException.class)
                    .hasMessageContaining("httpApi.auth.secretAlias: secret alias 'api_token' is not bound to");
        }
    }

    @Test
    void refusesAnAliasThatHasNoBindingSayingSo() {
        assertThatThrownBy(() -> validate(http("https://api.example.org/v1/visits", "unbound_token")))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("secret alias 'unbound_token' has no binding, so it is sent nowhere")
                .hasMessageContaining("lakehouse.secrets.unbound_token.allowed");
        assertThatThrownBy(
                        () -> validate(postgres("jdbc:postgresql://db.example.org/sources", "unbound_password", "t")))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("postgresTable.passwordAlias");
        assertThatThrownBy(() -> validate(http("https://api.example.org/v1/visits", "x_allowed")))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("not ending in _allowed");
    }

    @Test
    void refusesAPostgresPasswordAliasSentToAnotherDatabase() {
        assertThatCode(() ->
                        validate(postgres("jdbc:postgresql://db.example.org:5432/sources", "sources_password", "t")))
                .doesNotThrowAnyException();
        for (String url : List.of(
                "jdbc:postgresql://other.example.org/sources",
                "jdbc:postgresql://db.example.org:5433/sources",
                "jdbc:postgresql://db.example.org/other")) {
            assertThatThrownBy(() -> validate(postgres(url, "sources_password", "t")))
                    .as(url)
                    .isInstanceOf(InvalidInputException.class)
                    .hasMessageContaining("secret alias 'sources_password' is not bound to");
        }
    }

    @Test
    void refusesCredentialsInAnHttpUrlQueryNamingTheParameter() {
        for (String query : List.of(
                "token=abc",
                "api_key=abc",
                "access_token=abc",
                "apikey=abc",
                "key=abc",
                "password=abc",
                "secret=abc",
                "signature=abc",
                "sig=abc",
                "auth=abc",
                "page=2&client_secret=abc")) {
            assertThatThrownBy(() -> validate(http("https://api.example.org/v1/visits?" + query, null)))
                    .as(query)
                    .isInstanceOf(InvalidInputException.class)
                    .hasMessageContaining("httpApi.url query parameter '")
                    .hasMessageContaining("secrets go only by alias")
                    .hasMessageNotContaining("abc");
        }
        assertThatCode(() -> validate(http("https://api.example.org/v1/visits?page_token=x&limit=10", null)))
                .doesNotThrowAnyException();
    }

    @Test
    void refusesInternalAndAmbiguousHostsForHttpAndPostgres() {
        for (String url : List.of(
                "http://intranet.example.org/x",
                "http://198.18.0.1/x",
                "http://0177.0.0.1/x",
                "http://2130706433/x",
                "http://localhost/x")) {
            assertThatThrownBy(() -> validate(http(url, null)))
                    .as(url)
                    .isInstanceOf(InvalidInputException.class)
                    .hasMessageContaining("httpApi.url");
        }
        for (String host :
                List.of("intranet.example.org", "10.0.0.5", "192.0.0.8", "127.1", "[::1]", "[fe80::1]", "localhost")) {
            assertThatThrownBy(() -> validate(postgres("jdbc:postgresql://" + host + "/sources", null, "t")))
                    .as(host)
                    .isInstanceOf(InvalidInputException.class)
                    .hasMessageContaining("postgresTable.url");
        }
    }

    @Test
    void refusesTheCatalogsOwnDatabaseEvenWhenLocalhostIsAllowListed() {
        settings = settings(Map.of("data_lakehouse.postgres_source_allow_list", "localhost,127.0.0.1"));

        assertThatCode(() -> validate(postgres("jdbc:postgresql://localhost:5432/plant", null, "public.readings")))
                .doesNotThrowAnyException();
        for (String url : List.of(
                "jdbc:postgresql://localhost:5432/lakehouse",
                "jdbc:postgresql://127.0.0.1/lakehouse",
                "jdbc:postgresql://LOCALHOST:5432/lakehouse?sslmode=disable")) {
            assertThatThrownBy(() -> validate(postgres(url, null, "public.readings")))
                    .as(url)
                    .isInstanceOf(InvalidInputException.class)
                    .hasMessageContaining("postgresTable.url")
                    .hasMessageContaining("lakehouse catalog's own database");
        }
        assertThatThrownBy(
                        () -> validate(postgres("jdbc:postgresql://localhost:5432/lakehouse", "local_password", "t")))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("lakehouse catalog's own database");
    }

    @Test
    void refusesSystemSchemasAndUnknownDriverParameters() {
        for (String table : List.of(
                "pg_catalog.pg_authid",
                "information_schema.tables",
                "pg_toast.pg_toast_2619",
                "lakehouse.audit_logs")) {
            assertThatThrownBy(() -> validate(postgres("jdbc:postgresql://db.example.org/sources", null, table)))
                    .as(table)
                    .isInstanceOf(InvalidInputException.class)
                    .hasMessageContaining("postgresTable.table");
        }
        for (String query : List.of(
                "options=-c%20default_transaction_read_only%3Doff",
                "readOnly=false", "socketFactory=x", "sslfactory=x", "loggerFile=/tmp/x", "socketTimeout=999999")) {
            assertThatThrownBy(() -> validate(postgres("jdbc:postgresql://db.example.org/sources?" + query, null, "t")))
                    .as(query)
                    .isInstanceOf(InvalidInputException.class)
                    .hasMessageContaining("postgresTable.url");
        }
    }

    @Test
    void refusesASledFolderThatIsALinkOrHoldsOne() throws Exception {
        Path real = Files.createDirectories(inbox.resolve("real"));
        Files.writeString(real.resolve("conf"), "segment_size: 524288\n");
        Files.writeString(real.resolve("db"), "");
        Path linkedFolder = Files.createSymbolicLink(inbox.resolve("linked"), real);
        Path holdsLinks = Files.createDirectories(inbox.resolve("holds"));
        Path outside = Files.createDirectories(temp.resolve("outside"));
        Files.writeString(outside.resolve("conf"), "x");
        Files.createSymbolicLink(holdsLinks.resolve("conf"), outside.resolve("conf"));
        Files.writeString(holdsLinks.resolve("db"), "");

        assertThatThrownBy(() -> validate(new SledSettings(linkedFolder.toString(), null, "raw", "db1", null, null)))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("symbolic link");
        assertThatThrownBy(() -> validate(new SledSettings(holdsLinks.toString(), null, "raw", "db1", null, null)))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("symbolic link");
    }

    @Test
    void aMissingFolderAndAFolderOutsideTheRootsGetTheSameMessageWithoutTheRoots() throws Exception {
        Path outside = Files.createDirectories(temp.resolve("outside"));
        String missing = message(new FileDropSettings(inbox.resolve("nope").toString(), "*.csv", null, null))
                .replace(inbox.resolve("nope").toString(), "<folder>");
        String elsewhere = message(new FileDropSettings(outside.toString(), "*.csv", null, null))
                .replace(outside.toString(), "<folder>");
        String missingOutside = message(
                        new FileDropSettings(temp.resolve("nope").toString(), "*.csv", null, null))
                .replace(temp.resolve("nope").toString(), "<folder>");

        assertThat(missing).isEqualTo(elsewhere).isEqualTo(missingOutside).doesNotContain(inbox.toString());
        assertThat(message(new SledSettings(outside.toString(), null, "raw", "db1", null, null)))
                .doesNotContain(inbox.toString());
    }

    private String message(SourceSettings source) {
        try {
            validate(source);
        } catch (InvalidInputException e) {
            return e.getMessage();
        }
        throw new AssertionError("not refused: " + source);
    }
}
