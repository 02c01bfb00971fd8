package coop.cpc.lakehouse.web.graphql;

import coop.cpc.lakehouse.application.InvalidInputException;
import coop.cpc.lakehouse.application.asset.UnknownAssetException;
import coop.cpc.lakehouse.application.lineage.LineageService;
import coop.cpc.lakehouse.web.graphql.dto.LineageDirection;
import coop.cpc.lakehouse.web.graphql.dto.LineageEdge;
import coop.cpc.lakehouse.web.graphql.dto.LineageGraph;
import coop.cpc.lakehouse.web.graphql.dto.LineageNode;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.graphql.DefaultValue;
import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.GraphQLApi;
import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.Name;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Query;

/** Lineage: which sources and assets feed an asset, and what it feeds. */
@GraphQLApi
@HidesInternalErrors
@Authorized
@ApplicationScoped
public class LineageApi {

    @Inject
    LineageService lineage;

    @Inject
    ResponseBudget budget;

    @Query("lineage")
    @Description("The lineage graph around an asset, up to depth edges away (1 to 10); at most 500 edges"
            + " (truncated says more exist), counted against graphql_max_response_bytes.")
    public @NonNull LineageGraph lineage(
            @Name("assetId") @Id @NonNull String assetId,
            @Name("direction") @DefaultValue("UPSTREAM") LineageDirection direction,
            @Name("depth") @DefaultValue("3") int depth)
            throws InvalidInputException, UnknownAssetException {
        LineageGraph graph = Assembler.lineage(
                lineage.lineage(Ids.parse("assetId", assetId), Assembler.direction(direction), depth));
        // Each answer counts against the request's graphql_max_response_bytes, so aliases cannot multiply it.
        long bytes = estimatedBytes(graph);
        if (bytes > budget.remaining()) {
            throw new InvalidInputException("lineage would return about " + bytes + " bytes, more than the "
                    + budget.remaining() + " left of graphql_max_response_bytes: ask for less depth or one direction");
        }
        budget.spend(bytes);
        return graph;
    }

    /** The text the answer carries, plus a fixed allowance per node and edge for ids, names and punctuation. */
    static long estimatedBytes(LineageGraph graph) {
        long bytes = 0;
        for (LineageNode node : graph.nodes()) {
            bytes += 64 + node.id().length() + node.name().length();
        }
        for (LineageEdge edge : graph.edges()) {
            bytes += 256
                    + edge.from().length()
                    + edge.to().length()
                    + edge.columnMappings().length();
        }
        return bytes;
    }
}
