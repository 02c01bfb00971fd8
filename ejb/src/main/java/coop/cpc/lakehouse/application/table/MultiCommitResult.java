package coop.cpc.lakehouse.application.table;

import java.util.List;

/** What a commit of several assets produced: one result per asset (in the order given) and the caller's work's result. */
public record MultiCommitResult<T>(List<CommitResult> results, T workResult) {

    public MultiCommitResult {
        results = List.copyOf(results);
    }
}
