package coop.cpc.lakehouse.web.graphql.dto;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Type;

@Type("LineageNode")
@Description("An asset or an external source in the lineage graph.")
public record LineageNode(
        @NonNull @Description("The asset id; for an external source its URI (admins only) or job-source:<job id>")
        String id,

        @NonNull LineageNodeKind kind,

        @NonNull
        @Description("namespace.name of an asset; for an external source its URI (admins only) or its kind and job,"
                + " FILE_DROP job nightly-drop")
        String name) {}
