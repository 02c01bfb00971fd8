package coop.cpc.lakehouse.catalog.run;

/**
 * The words for a catalog whose ingestion runs belong to the other server kind's job repository
 * (V9__job_repository_owner.sql): the error of the refused job operations and the readiness check's report.
 */
public final class JobRepositoryConflict {

    public static final String WILDFLY = "WILDFLY";
    public static final String OPEN_LIBERTY = "OPEN_LIBERTY";

    private JobRepositoryConflict() {}

    /** What is wrong and what to do, or null when {@code serverKind} may run and read the runs. */
    public static String message(String owner, String serverKind) {
        if (owner == null || serverKind == null || owner.equals(serverKind)) {
            return null;
        }
        return "this catalog's ingestion runs belong to the " + displayName(owner) + " job repository; "
                + displayName(serverKind) + " keeps its own — use a separate catalog, see docs/deployment.md";
    }

    public static String displayName(String serverKind) {
        return switch (serverKind) {
            case WILDFLY -> "WildFly";
            case OPEN_LIBERTY -> "Open Liberty";
            default -> serverKind;
        };
    }
}
