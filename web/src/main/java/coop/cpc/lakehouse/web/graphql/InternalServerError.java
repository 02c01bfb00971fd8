package coop.cpc.lakehouse.web.graphql;

/**
 * What a client sees of an unexpected failure: an incident id to quote, never the cause (its
 * text and class stay in the server log). GraphQL error code: {@code internal-server-error}.
 */
public class InternalServerError extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public InternalServerError(String incident) {
        super("Server error (incident " + incident + "): the request could not be completed", null, false, false);
    }
}
