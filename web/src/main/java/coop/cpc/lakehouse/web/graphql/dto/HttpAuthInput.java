package coop.cpc.lakehouse.web.graphql.dto;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Input;
import org.eclipse.microprofile.graphql.NonNull;

@Input("HttpAuthInput")
@Description(
        "Authentication of an HTTP API: BEARER uses secretAlias; BASIC username and secretAlias; API_KEY headerName and secretAlias.")
public record HttpAuthInput(
        @NonNull HttpAuthKind kind,

        @Description("Alias of the secret (lakehouse.secrets.<alias>), never the secret")
        String secretAlias,

        String username,
        String headerName) {}
