package coop.cpc.lakehouse.web.graphql.dto;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Input;
import org.eclipse.microprofile.graphql.NonNull;

@Input("HttpApiSourceInput")
@Description("An HTTP API returning JSON pages; each run is a full extract. Unset limits take the server's defaults.")
public record HttpApiSourceInput(
        @NonNull @Description("The first page, http or https")
        String url,

        @Description("JSON pointer to the records in a page: \"\" for a top-level array (default), \"/data\" ...")
        String recordsPointer,

        @Description("Default NONE") HttpPaginationInput pagination,
        @Description("Default NONE") HttpAuthInput auth,
        Integer connectTimeoutSeconds,
        Integer readTimeoutSeconds,
        Integer maxRetries,
        Long maxResponseBytes,
        Integer maxPages) {}
