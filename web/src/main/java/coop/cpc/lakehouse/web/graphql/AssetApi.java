package coop.cpc.lakehouse.web.graphql;

import coop.cpc.lakehouse.application.InvalidInputException;
import coop.cpc.lakehouse.application.Page;
import coop.cpc.lakehouse.application.asset.AssetAlreadyExistsException;
import coop.cpc.lakehouse.application.asset.AssetChanges;
import coop.cpc.lakehouse.application.asset.AssetService;
import coop.cpc.lakehouse.application.asset.NewAsset;
import coop.cpc.lakehouse.application.asset.StaleVersionException;
import coop.cpc.lakehouse.application.asset.UnknownAssetException;
import coop.cpc.lakehouse.catalog.asset.DataAsset;
import coop.cpc.lakehouse.web.graphql.dto.Asset;
import coop.cpc.lakehouse.web.graphql.dto.AssetConnection;
import coop.cpc.lakehouse.web.graphql.dto.AssetInput;
import coop.cpc.lakehouse.web.graphql.dto.AssetUpdateInput;
import coop.cpc.lakehouse.web.graphql.dto.PageInfo;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;
import org.eclipse.microprofile.graphql.DefaultValue;
import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.GraphQLApi;
import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.Mutation;
import org.eclipse.microprofile.graphql.Name;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Query;

/** Data assets: list, read, create, update, delete. */
@GraphQLApi
@HidesInternalErrors
@Authorized
@ApplicationScoped
public class AssetApi {

    @Inject
    AssetService assets;

    @Query("assets")
    @Description("Assets in (namespace, name) order, optionally of one namespace and carrying all the given tags.")
    public @NonNull AssetConnection assets(
            @Name("namespace") String namespace,
            @Name("tags") List<String> tags,
            @Name("first") @DefaultValue("50") int first,
            @Name("after") @Description("endCursor of the previous page") String after)
            throws InvalidInputException {
        Page<DataAsset> page = assets.list(namespace, tags, Cursors.asset(after), first);
        List<DataAsset> found = page.items();
        String end = found.isEmpty() ? null : Cursors.of(found.get(found.size() - 1));
        return new AssetConnection(
                found.stream().map(Assembler::asset).toList(), new PageInfo(page.hasNextPage(), end));
    }

    @Query("asset")
    @Description("One asset, by id or by namespace and name.")
    public Asset asset(@Name("id") @Id String id, @Name("namespace") String namespace, @Name("name") String name)
            throws InvalidInputException, UnknownAssetException {
        if (id != null) {
            if (namespace != null || name != null) {
                throw new InvalidInputException("give either id or namespace and name, not both");
            }
            return Assembler.asset(assets.get(Ids.parse("id", id)));
        }
        if (namespace == null || name == null) {
            throw new InvalidInputException("give an id, or both namespace and name");
        }
        return Assembler.asset(assets.get(namespace, name));
    }

    @Mutation("createAsset")
    @Description("Creates an empty asset with a schema.")
    public @NonNull Asset createAsset(@Name("input") @NonNull AssetInput input)
            throws InvalidInputException, AssetAlreadyExistsException {
        return Assembler.asset(assets.create(new NewAsset(
                input.namespace(),
                input.name(),
                input.description(),
                Assembler.assetType(input.assetType()),
                Assembler.classification(input.classification()),
                Assembler.columns(input.columns()),
                input.tags(),
                input.sortOrder())));
    }

    @Mutation("updateAsset")
    @Description("Changes an asset's description, type, classification, tags, schema or sort order.")
    public @NonNull Asset updateAsset(
            @Name("id") @Id @NonNull String id, @Name("input") @NonNull AssetUpdateInput input)
            throws InvalidInputException, UnknownAssetException, StaleVersionException {
        return Assembler.asset(assets.update(
                Ids.parse("id", id),
                new AssetChanges(
                        input.description(),
                        Assembler.assetType(input.assetType()),
                        Assembler.classification(input.classification()),
                        Assembler.columns(input.columns()),
                        input.tags(),
                        input.expectedVersion(),
                        input.sortOrder())));
    }

    @Mutation("deleteAsset")
    @Description("Deletes an asset and its catalog entries; returns its id.")
    public @NonNull @Id String deleteAsset(@Name("id") @Id @NonNull String id)
            throws InvalidInputException, UnknownAssetException {
        assets.delete(Ids.parse("id", id));
        return id;
    }
}
