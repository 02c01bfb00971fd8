package coop.cpc.lakehouse.catalog.storage;

import java.util.UUID;

/**
 * Whose a segment folder is, as far as this catalog is concerned, and why.
 *
 * @param catalogId this catalog
 * @param markerId the catalog the folder's marker names (null: no readable marker)
 * @param detail what the kind alone does not say: the marker's problem, or the files this catalog does not know
 */
public record StorageVerdict(Kind kind, UUID catalogId, UUID markerId, String detail) {

    public enum Kind {
        /** The marker names this catalog. */
        OWNED,
        /** The marker names another catalog: nothing is written or deleted there. */
        FOREIGN,
        /** A marker is there but names no catalog: treated as another catalog's. */
        INVALID_MARKER,
        /** No marker, and files this catalog does not know: writes go on, the orphan cleanup deletes nothing. */
        UNCLAIMED,
        /**
         * A folder inside this one (the detail: its path relative to this one) holds a marker: another catalog's
         * segment folder nested in this one, into which no segment is written.
         */
        NESTED
    }

    /** The folder {@code nested} (relative to the storage folder) inside this one holds a marker. */
    public static StorageVerdict nested(String nested) {
        return new StorageVerdict(Kind.NESTED, null, null, nested);
    }

    public static StorageVerdict owned(UUID catalogId) {
        return new StorageVerdict(Kind.OWNED, catalogId, catalogId, null);
    }

    /** True when the orphan cleanup may delete the files this catalog does not know. */
    public boolean owned() {
        return kind == Kind.OWNED;
    }

    /** True when this server may write segments and delete the ones its catalog names. */
    public boolean writable() {
        return kind == Kind.OWNED || kind == Kind.UNCLAIMED;
    }

    /**
     * What the verdict means for the folder, for an operator.
     *
     * @param folder how to name the folder: its path in the server log, the key alone where no path may show
     */
    public String message(String folder) {
        return switch (kind) {
            case OWNED -> folder + " is the segment folder of this catalog (" + catalogId + ")";
            case FOREIGN ->
                folder + " is marked (" + StorageMarker.FILE_NAME + ") as the segment folder of catalog "
                        + markerId + ", and this catalog is " + catalogId
                        + ": this server writes and deletes nothing there. Give each catalog its own folder"
                        + " (docs/operations.md: moving a segment folder, restoring a catalog backup)";
            case INVALID_MARKER ->
                folder + ": " + detail + "; this server (catalog " + catalogId
                        + ") writes and deletes nothing there until the marker names it (docs/operations.md)";
            case UNCLAIMED ->
                folder + " has no marker (" + StorageMarker.FILE_NAME + ") and holds " + detail
                        + " this catalog (" + catalogId + ") does not know: they may be another catalog's, so the"
                        + " orphan cleanup deletes nothing there. If the folder is this catalog's alone, see"
                        + " docs/operations.md (claiming a segment folder)";
            case NESTED ->
                folder + "/" + detail + " holds a marker " + StorageMarker.FILE_NAME + ": it is another catalog's"
                        + " segment folder nested in this one, so this catalog writes no segment into it (use another"
                        + " namespace, or move that catalog's folder out of " + folder + ")";
        };
    }
}
