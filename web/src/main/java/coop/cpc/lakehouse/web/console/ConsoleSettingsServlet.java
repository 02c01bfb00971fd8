package coop.cpc.lakehouse.web.console;

import coop.cpc.lakehouse.config.LakehouseSettings;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonObjectBuilder;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * {@code GET /lakehouse/console/settings.json}: what the console must know before anyone signs in,
 * so it is open to all: the OIDC provider to offer ({@code {"oidc": {"issuer", "clientId"}}}, with
 * {@code "tokenEndpoint"} when {@code oidc_token_endpoint} is set) when {@code oidc_client_id} is set, else
 * {@code {"oidc": null}}. These values are public by nature (a public client's id, the issuer every token names and
 * an endpoint the provider publishes); nothing else is served here.
 */
@WebServlet(ConsoleSettingsServlet.PATH)
public class ConsoleSettingsServlet extends HttpServlet {
    static final String PATH = "/console/settings.json";
    private static final long serialVersionUID = 1L;

    @Inject
    LakehouseSettings settings;

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        response.setContentType("application/json");
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        response.setHeader("Cache-Control", "no-store");
        response.getWriter().write(body(settings));
    }

    static String body(LakehouseSettings settings) {
        JsonObjectBuilder json = Json.createObjectBuilder();
        settings.oidcClientId()
                .ifPresentOrElse(
                        clientId -> {
                            JsonObjectBuilder oidc = Json.createObjectBuilder()
                                    .add("issuer", settings.jwtIssuer())
                                    .add("clientId", clientId);
                            settings.oidcTokenEndpoint().ifPresent(url -> oidc.add("tokenEndpoint", url));
                            json.add("oidc", oidc);
                        },
                        () -> json.addNull("oidc"));
        return json.build().toString();
    }
}
