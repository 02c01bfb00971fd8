package coop.cpc.lakehouse.application.cdc;

import static org.assertj.core.api.Assertions.assertThat;

import coop.cpc.lakehouse.application.source.SourceGuards;
import coop.cpc.lakehouse.config.LakehouseSettings;
import coop.cpc.lakehouse.ingest.http.SecretResolver;
import coop.cpc.lakehouse.ingest.http.SsrfGuard;
import coop.cpc.lakehouse.ingest.secret.SecretBinding;
import java.net.InetAddress;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Where a stream connects and what it may send there; resolved with fixed DNS answers, nothing connects. */
class SourceEndpointTest {
    private static final String URL = "jdbc:postgresql://db.example.org:5432/sales";

    /** Fixed answers; a question about another name fails the test. */
    private static final SsrfGuard.Resolver DNS = host -> {
        if (host.equals("db.example.org")) {
            return new InetAddress[] {InetAddress.getByAddress(host, new byte[] {93, (byte) 184, (byte) 216, 34})};
        }
        throw new AssertionError("the endpoint asked DNS about " + host);
    };

    private static final LakehouseSettings SETTINGS = LakehouseSettings.from(name -> Optional.empty());

    private static SourceGuards guards(boolean allowCleartextPassword) {
        return new SourceGuards(
                SecretResolver.of(
                        Map.of("sales_password", "s3cret"),
                        Map.of(
                                "sales_password",
                                SecretBinding.parse("postgresql://db.example.org:5432/sales", allowCleartextPassword))),
                Optional::empty,
                DNS);
    }

    private static SourceEndpoint resolve(String url, boolean allowCleartextPassword) throws Exception {
        return SourceEndpoint.resolve(url, "cdc", "sales_password", SETTINGS, guards(allowCleartextPassword));
    }

    @Test
    void verifyFullKeepsTheHostName() throws Exception {
        assertThat(resolve(URL + "?sslmode=verify-full", false).host())
                .as("the certificate is checked against the name")
                .isEqualTo("db.example.org");
    }

    @Test
    void otherModesConnectToTheAddressTheGuardChecked() throws Exception {
        for (String sslmode : new String[] {"disable", "prefer", "require", "verify-ca"}) {
            assertThat(resolve(URL + "?sslmode=" + sslmode, false).host())
                    .as(sslmode)
                    .isEqualTo("93.184.216.34");
        }
        assertThat(resolve(URL, false).host()).isEqualTo("93.184.216.34");
    }

    @Test
    void carriesTheBindingsConsentToACleartextPassword() throws Exception {
        SourceEndpoint refused = resolve(URL, false);
        SourceEndpoint allowed = resolve(URL, true);

        assertThat(refused.allowCleartextPassword()).isFalse();
        assertThat(allowed.allowCleartextPassword()).isTrue();
        assertThat(allowed.password()).isEqualTo("s3cret");
    }

    @Test
    void aStreamWithoutPasswordAliasSendsNoneAndAllowsNoCleartext() throws Exception {
        SourceEndpoint endpoint = SourceEndpoint.resolve(URL, "cdc", null, SETTINGS, guards(true));

        assertThat(endpoint.password()).isEmpty();
        assertThat(endpoint.allowCleartextPassword()).isFalse();
    }
}
