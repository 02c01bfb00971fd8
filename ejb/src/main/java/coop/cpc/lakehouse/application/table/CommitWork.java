package coop.cpc.lakehouse.application.table;

import java.util.List;

/**
 * Work of the caller that commits in the same catalog transaction as its table changes (for example
 * change data capture storing the source offset the changes cover). Throwing rolls everything back.
 */
@FunctionalInterface
public interface CommitWork<T> {

    /** @param results one per staged change, in the order given to the commit */
    T run(List<CommitResult> results) throws Exception;
}
