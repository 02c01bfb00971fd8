package coop.cpc.lakehouse.web.graphql;

import coop.cpc.lakehouse.application.InvalidInputException;
import coop.cpc.lakehouse.application.asset.UnknownAssetException;
import coop.cpc.lakehouse.application.lineage.LineageService;
import coop.cpc.lakehouse.web.graphql.dto.LineageDirection;
import coop.cpc.lakehouse.web.graphql.dto.LineageGraph;
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

    @Query("lineage")
    @Description("The lineage graph around an asset, up to depth edges away (1 to 10).")
    public @NonNull LineageGraph lineage(
            @Name("assetId") @Id @NonNull String assetId,
            @Name("direction") @DefaultValue("UPSTREAM") LineageDirection direction,
            @Name("depth") @DefaultValue("3") int depth)
            throws InvalidInputException, UnknownAssetException {
        return Assembler.lineage(lineage.lineage(Ids.parse("assetId", assetId), Assembler.direction(direction), depth));
    }
}
