package coop.cpc.lakehouse.web.graphql.dto;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Enum;

@Enum("CdcTableCopyState")
@Description("Where the copy of the rows an added table held stands")
public enum CdcTableCopyState {
    @Description("Waiting for its turn (the stream copies one table at a time) or for the stream to run")
    PENDING,
    @Description("Its rows are arriving now, interleaved with the stream's changes")
    COPYING,
    @Description("Every row it held when it was added is in the asset")
    COMPLETED
}
