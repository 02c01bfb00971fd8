package coop.cpc.lakehouse.web.graphql.dto;

import java.util.List;
import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Type;

@Type("JobExecutionConnection")
@Description("One page of executions, newest first. With a status filter a page may hold fewer than asked while "
        + "pageInfo.hasNextPage says more may follow: a page examines a bounded number of executions.")
public record JobExecutionConnection(
        @NonNull List<@NonNull JobExecution> nodes, @NonNull PageInfo pageInfo) {}
