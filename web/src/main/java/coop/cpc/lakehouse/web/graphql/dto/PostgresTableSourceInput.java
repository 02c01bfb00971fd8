package coop.cpc.lakehouse.web.graphql.dto;

import java.util.List;
import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Input;
import org.eclipse.microprofile.graphql.NonNull;

// Lists without @NonNull elements: SmallRye turns List<@NonNull T> into a required [T!]! (smallrye-graphql#753);
// a null element is refused with invalid-input when the source is mapped.
@Input("PostgresTableSourceInput")
@Description("A PostgreSQL table, read incrementally by primary key. Credentials only by alias.")
public record PostgresTableSourceInput(
        @NonNull @Description("jdbc:postgresql://host:port/database, without credentials")
        String url,

        @NonNull String user,

        @Description("Alias of the password (lakehouse.secrets.<alias>), or none")
        String passwordAlias,

        @NonNull @Description("schema.table") String table,

        @Description("The columns to read; all when left out")
        List<String> columns) {}
