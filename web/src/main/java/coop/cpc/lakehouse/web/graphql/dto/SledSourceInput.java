package coop.cpc.lakehouse.web.graphql.dto;

import java.util.List;
import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Input;
import org.eclipse.microprofile.graphql.NonNull;

// Lists without @NonNull elements: SmallRye turns List<@NonNull T> into a required [T!]! (smallrye-graphql#753);
// a null element is refused with invalid-input when the source is mapped.
@Input("SledSourceInput")
@Description(
        "A sled 0.34 database folder; each tree feeds the asset targetNamespace.<assetPrefix>_<tree>, created on the first run.")
public record SledSourceInput(
        @NonNull @Description("The database folder, inside one of local_source_roots")
        String path,

        @Description("The trees to read; all when left out (the default tree is __sled__default)")
        List<String> trees,

        @NonNull String targetNamespace,
        @NonNull String assetPrefix,
        @Description("Default BYTES") SledValueFormat valueFormat,

        @Description("The columns of a JSON value (JSON only)")
        List<ColumnInput> valueColumns) {}
