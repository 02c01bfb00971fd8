package coop.cpc.lakehouse.web.graphql.dto;

import org.eclipse.microprofile.graphql.Description;

@Description("How an HTTP API source authenticates; secrets are named by alias only.")
public enum HttpAuthKind {
    NONE,
    BEARER,
    BASIC,
    API_KEY
}
