package coop.cpc.lakehouse.web.console;

import static org.assertj.core.api.Assertions.assertThat;

import coop.cpc.lakehouse.config.LakehouseSettings;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ConsoleSettingsServletTest {

    @Test
    void offersTheProviderOnlyWhenAClientIdIsConfigured() {
        assertThat(ConsoleSettingsServlet.body(LakehouseSettings.from(name -> Optional.empty())))
                .isEqualTo("{\"oidc\":null}");

        String body = bodyFor(Map.of(
                "data_lakehouse.oidc_client_id", "lakehouse-console",
                "data_lakehouse.jwt_issuer", "http://127.0.0.1:8480/realms/lakehouse",
                "data_lakehouse.audit_pseudonym_key", "not-to-be-served-by-the-settings-servlet"));

        assertThat(body)
                .isEqualTo("{\"oidc\":{\"issuer\":\"http://127.0.0.1:8480/realms/lakehouse\","
                        + "\"clientId\":\"lakehouse-console\"}}");
    }

    @Test
    void namesTheTokenEndpointToUseWhenOneIsConfigured() {
        String body = bodyFor(Map.of(
                "data_lakehouse.oidc_client_id", "lakehouse-console",
                "data_lakehouse.jwt_issuer", "https://accounts.google.com",
                "data_lakehouse.oidc_token_endpoint", "https://oauth2.googleapis.com/token"));

        assertThat(body)
                .isEqualTo(
                        "{\"oidc\":{\"issuer\":\"https://accounts.google.com\","
                                + "\"clientId\":\"lakehouse-console\",\"tokenEndpoint\":\"https://oauth2.googleapis.com/token\"}}");
    }

    private static String bodyFor(Map<String, String> raw) {
        return ConsoleSettingsServlet.body(LakehouseSettings.from(name -> Optional.ofNullable(raw.get(name))));
    }
}
