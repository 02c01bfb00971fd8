package coop.cpc.lakehouse.web.graphql.dto;

import java.util.List;
import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Input;

@Input("CdcStreamUpdateInput")
@Description("Changes to a stream: tables to add (each gets its asset; a running stream restarts).")
public record CdcStreamUpdateInput(
        @Description("schema.table each") List<String> addTables) {}
