package coop.cpc.lakehouse.web.graphql.dto;

import java.util.List;
import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Input;
import org.eclipse.microprofile.graphql.NonNull;

@Input("CdcStreamInput")
@Description("A change data capture stream of a source PostgreSQL (wal_level=logical). Credentials only by alias.")
public record CdcStreamInput(
        @NonNull @Description("[a-z][a-z0-9_]{0,62}") String name,

        @NonNull @Description("jdbc:postgresql://host:port/database, without credentials")
        String url,

        @NonNull @Description("A role with REPLICATION that owns the tables (docs/cdc.md)")
        String user,

        @Description("Alias of the password (lakehouse.secrets.<alias>), or none")
        String passwordAlias,

        @NonNull @Description("schema.table each; one asset per table")
        List<String> tables,

        @NonNull @Description("Namespace of the assets") String targetNamespace,

        @Description("INITIAL (default): copy the rows first; NO_DATA: changes only")
        CdcSnapshotMode snapshotMode,

        @Description("Tags of the assets") List<String> tags) {}
