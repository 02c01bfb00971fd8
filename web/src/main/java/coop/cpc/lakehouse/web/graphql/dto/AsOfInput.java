package coop.cpc.lakehouse.web.graphql.dto;

import java.time.OffsetDateTime;
import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.Input;

@Input("AsOfInput")
@Description("Time travel: a snapshot id, or an instant (the snapshot current then). Give one.")
public record AsOfInput(@Id String snapshotId, OffsetDateTime timestamp) {}
