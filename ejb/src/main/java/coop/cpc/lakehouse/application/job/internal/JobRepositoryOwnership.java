package coop.cpc.lakehouse.application.job.internal;

import coop.cpc.lakehouse.application.job.ForeignJobRepositoryException;
import coop.cpc.lakehouse.catalog.run.IngestionRunRepository;
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

    /** The refusal's text, also what the readiness check reports; null when {@code serverKind} owns the runs. */
    static String conflict(String owner, String serverKind) {
        if (owner == null || owner.equals(serverKind)) {
            return null;
        }
        return "this catalog's ingestion runs belong to the " + displayName(owner) + " job repository; "
                + displayName(serverKind) + " keeps its own — use a separate catalog, see docs/deployment.md";
    }

    private static void refuseOther(String owner, String serverKind) throws ForeignJobRepositoryException {
        String conflict = conflict(owner, serverKind);
        if (conflict != null) {
            throw new ForeignJobRepositoryException(conflict);
        }
    }

    static String displayName(String serverKind) {
        return switch (serverKind) {
            case "WILDFLY" -> "WildFly";
            case "OPEN_LIBERTY" -> "Open Liberty";
            default -> serverKind;
        };
    }
}
