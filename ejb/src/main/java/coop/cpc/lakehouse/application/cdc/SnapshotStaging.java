package coop.cpc.lakehouse.application.cdc;

import coop.cpc.lakehouse.application.table.StagedChanges;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An initial snapshot in bounded memory. Rows are held (per table) until {@code chunkRows} of them are
 * held in all; then each table's held rows are staged as segment files, which no snapshot names, so
 * nothing is visible. At the snapshot's last row the rest is staged and every table's chunks commit in
 * ONE catalog transaction with the stream's offset. Abandoned (the engine stopped or failed mid-way) or
 * a failed commit: the staged files are deleted and the next start copies the tables again from scratch.
 * A crash leaves the files without any snapshot naming them: the orphan cleanup removes them.
 */
final class SnapshotStaging {

    /** Where the chunks go: {@link CdcApplier} in the server. */
    interface Chunks {
        /** Writes one table's rows as segment files, uncommitted. */
        StagedChanges stage(CdcTable table, List<SourceChange> rows) throws Exception;

        /** Commits every table's chunks (tables without any: emptied) and the offset, in one transaction. */
        void commit(Map<CdcTable, List<StagedChanges>> chunks, Map<String, ?> offset) throws Exception;

        /** Deletes the files of chunks no commit will name. */
        void discard(List<StagedChanges> chunks);
    }

    private final CdcStream stream;
    private final int chunkRows;
    private final Chunks chunks;
    private final Map<CdcTable, List<SourceChange>> held = new LinkedHashMap<>();
    private final Map<CdcTable, List<StagedChanges>> staged = new LinkedHashMap<>();
    private int heldRows;
    private long rows;
    private boolean inProgress;
    private boolean abandoned;

    SnapshotStaging(CdcStream stream, int chunkRows, Chunks chunks) {
        if (chunkRows < 1) {
            throw new IllegalArgumentException("chunkRows must be positive: " + chunkRows);
        }
        this.stream = stream;
        this.chunkRows = chunkRows;
        this.chunks = chunks;
    }

    /** A row of the snapshot; a row of a table the stream does not capture is ignored. */
    synchronized void add(SourceChange row) throws Exception {
        if (abandoned) {
            // The engine ended (a close that timed out): nothing may stage files no one will commit or delete.
            throw new IllegalStateException("the engine of this snapshot has ended");
        }
        inProgress = true;
        var table = stream.table(row.sourceTable());
        if (table.isEmpty()) {
            return;
        }
        held.computeIfAbsent(table.get(), t -> new ArrayList<>()).add(row);
        heldRows++;
        rows++;
        if (heldRows >= chunkRows) {
            stageHeld();
        }
    }

    /**
     * The snapshot's last row was added: stages what is held and commits the whole snapshot with
     * {@code offset}. On failure everything staged is deleted before the error is thrown.
     *
     * @return the snapshot's row count
     */
    synchronized long complete(Map<String, ?> offset) throws Exception {
        boolean committed = false;
        try {
            stageHeld();
            chunks.commit(Map.copyOf(staged), offset);
            committed = true;
            return rows;
        } finally {
            if (!committed) {
                abandon();
            }
            staged.clear();
            held.clear();
            heldRows = 0;
            rows = 0;
            inProgress = false;
        }
    }

    /** The engine ended before the snapshot's last row: its staged files go, nothing was committed. */
    synchronized void abandon() {
        abandoned = true;
        List<StagedChanges> all = new ArrayList<>();
        staged.values().forEach(all::addAll);
        staged.clear();
        held.clear();
        heldRows = 0;
        rows = 0;
        inProgress = false;
        if (!all.isEmpty()) {
            chunks.discard(all);
        }
    }

    /** Whether rows of a snapshot arrived and it has not committed (or been abandoned) yet. */
    synchronized boolean inProgress() {
        return inProgress;
    }

    /** Rows held in memory now (at most {@code chunkRows}). */
    synchronized int heldRows() {
        return heldRows;
    }

    private void stageHeld() throws Exception {
        for (var entry : held.entrySet()) {
            if (!entry.getValue().isEmpty()) {
                StagedChanges chunk = chunks.stage(entry.getKey(), entry.getValue());
                staged.computeIfAbsent(entry.getKey(), t -> new ArrayList<>()).add(chunk);
            }
        }
        held.clear();
        heldRows = 0;
    }
}
