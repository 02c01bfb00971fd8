package coop.cpc.lakehouse.web.graphql.dto;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Input;
import org.eclipse.microprofile.graphql.NonNull;

@Input("HttpPaginationInput")
@Description(
        "Paging of an HTTP API: OFFSET uses offsetParam, limitParam, pageSize; CURSOR uses cursorPointer, cursorParam.")
public record HttpPaginationInput(
        @NonNull HttpPaginationKind kind,
        String offsetParam,
        String limitParam,
        Integer pageSize,

        @Description("JSON pointer to the next cursor in a page")
        String cursorPointer,

        String cursorParam) {}
