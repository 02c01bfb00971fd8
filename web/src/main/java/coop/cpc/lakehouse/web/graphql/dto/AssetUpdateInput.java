package coop.cpc.lakehouse.web.graphql.dto;

import java.util.List;
import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Input;

@Input("AssetUpdateInput")
@Description(
        "Changes to an asset; a field left out stays as it is. On an asset that holds data, columns may only gain new nullable columns.")
public record AssetUpdateInput(
        String description,
        AssetType assetType,
        Classification classification,
        List<ColumnInput> columns,
        List<String> tags,

        @Description("When given, the update fails with stale-version unless the asset is at this version")
        Long expectedVersion,

        @Description("New sort order (at most 4 columns) for the segments written from now on; [] removes it")
        List<String> sortOrder) {}
