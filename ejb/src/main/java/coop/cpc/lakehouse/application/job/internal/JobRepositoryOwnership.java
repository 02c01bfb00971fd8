package coop.cpc.lakehouse.application.job.internal;

import coop.cpc.lakehouse.application.job.ForeignJobRepositoryException;
import coop.cpc.lakehouse.catalog.run.IngestionRunRepository;
import coop.cpc.lakehouse.catalog.run.JobRepositoryConflict;
import java.util.Optional;

/**
 * Which server's job repository the catalog's ingestion runs belong to (V9__job_repository_owner.sql): the first
 * server that starts a run claims the catalog; job operations of the other server kind are refused with a
 * message that says what to do, instead of colliding execution ids.
 */
final class JobRepositoryOwnership {

    private JobRepositoryOwnership() {}

    /** Before a run starts: claims an unclaimed catalog for {@code serverKind}, refuses one claimed by the other. */
    static void claim(IngestionRunRepository runs, String serverKind) throws ForeignJobRepositoryException {
        refuseOther(runs.claimJobRepository(serverKind), serverKind);
    }

    /** Before runs are read, stopped or restarted: refuses a catalog claimed by the other server kind. */
    static void require(IngestionRunRepository runs, String serverKind) throws ForeignJobRepositoryException {
        Optional<String> owner = runs.jobRepositoryOwner();
        if (owner.isPresent()) {
            refuseOther(owner.get(), serverKind);
        }
    }

    private static void refuseOther(String owner, String serverKind) throws ForeignJobRepositoryException {
        String conflict = JobRepositoryConflict.message(owner, serverKind);
        if (conflict != null) {
            throw new ForeignJobRepositoryException(conflict);
        }
    }
}
