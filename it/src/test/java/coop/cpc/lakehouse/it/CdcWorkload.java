package coop.cpc.lakehouse.it;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Writes a stream of changes to {@code public.events (id bigint PRIMARY KEY, v bigint, note text)} in
 * the CDC source, in transactions of mixed inserts, updates and deletes, on its own thread; pauses
 * and retries a transaction when the source goes away (a source restart).
 */
public final class CdcWorkload implements Runnable {
    public static final String CREATE = "CREATE TABLE public.events (id bigint PRIMARY KEY, v bigint, note text)";
    private static final int PER_TRANSACTION = 50;
    /**
     * One row per committed transaction, written in that transaction: after a connection lost during
     * COMMIT (a source restart), the row tells whether the commit happened, so a retry never applies a
     * transaction twice. The table is not captured (publications name the stream's tables only).
     */
    private static final String MARKERS =
            "CREATE TABLE IF NOT EXISTS public.lakehouse_it_workload_commits (tx text PRIMARY KEY)";

    private final String run = java.util.UUID.randomUUID().toString();

    private final long changes;
    private final AtomicLong written = new AtomicLong();
    private volatile Throwable failure;
    private final Thread thread;

    public CdcWorkload(long changes) {
        this.changes = changes;
        this.thread = new Thread(this, "cdc-workload");
        thread.setDaemon(true);
    }

    public CdcWorkload start() {
        thread.start();
        return this;
    }

    public long written() {
        return written.get();
    }

    /** Waits for the last transaction; rethrows the writer's failure. */
    public void await(long timeoutMs) throws Exception {
        thread.join(timeoutMs);
        if (thread.isAlive()) {
            thread.interrupt();
            throw new AssertionError(
                    "the workload did not finish: " + written.get() + " of " + changes + " changes written");
        }
        if (failure != null) {
            throw new AssertionError("the workload failed", failure);
        }
    }

    @Override
    public void run() {
        Random random = new Random(42);
        List<Long> live = new ArrayList<>();
        long next = 1;
        long transactions = 0;
        try {
            createMarkers();
            while (written.get() < changes) {
                List<String> kinds = new ArrayList<>();
                List<Long> ids = new ArrayList<>();
                List<Long> added = new ArrayList<>();
                List<Long> removed = new ArrayList<>();
                for (int i = 0; i < PER_TRANSACTION; i++) {
                    int pick = random.nextInt(10);
                    if (pick < 6 || live.size() - removed.size() < 10) {
                        kinds.add("I");
                        ids.add(next);
                        added.add(next++);
                    } else {
                        long id = live.get(random.nextInt(live.size()));
                        if (removed.contains(id)) {
                            continue;
                        }
                        if (pick < 9) {
                            kinds.add("U");
                            ids.add(id);
                        } else {
                            kinds.add("D");
                            ids.add(id);
                            removed.add(id);
                        }
                    }
                }
                long v = random.nextLong();
                String tx = run + ":" + transactions++;
                boolean retrying = false;
                while (!(retrying && committed(tx)) && !commit(kinds, ids, v, tx)) {
                    retrying = true;
                    Thread.sleep(500);
                }
                live.addAll(added);
                live.removeAll(removed);
                written.addAndGet(kinds.size());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Throwable t) {
            failure = t;
        }
    }

    private static void createMarkers() throws SQLException, InterruptedException {
        while (true) {
            try (Connection c = CdcSource.connect();
                    PreparedStatement create = c.prepareStatement(MARKERS)) {
                create.execute();
                return;
            } catch (SQLException e) {
                if (!unreachable(e)) {
                    throw e;
                }
                Thread.sleep(500);
            }
        }
    }

    /** @return whether the transaction's marker row exists; false also when the source cannot be reached */
    private static boolean committed(String tx) throws SQLException {
        try (Connection c = CdcSource.connect();
                PreparedStatement find =
                        c.prepareStatement("SELECT 1 FROM public.lakehouse_it_workload_commits WHERE tx = ?")) {
            find.setString(1, tx);
            try (var found = find.executeQuery()) {
                return found.next();
            }
        } catch (SQLException e) {
            if (unreachable(e)) {
                return false;
            }
            throw e;
        }
    }

    private static boolean unreachable(SQLException e) {
        String state = e.getSQLState();
        return state != null && (state.startsWith("08") || state.startsWith("57"));
    }

    /** @return false when the source could not be reached (try again) */
    private static boolean commit(List<String> kinds, List<Long> ids, long v, String tx) throws SQLException {
        try (Connection c = CdcSource.connect()) {
            c.setAutoCommit(false);
            try (PreparedStatement marker =
                    c.prepareStatement("INSERT INTO public.lakehouse_it_workload_commits VALUES (?)")) {
                marker.setString(1, tx);
                marker.executeUpdate();
            }
            try (PreparedStatement insert = c.prepareStatement("INSERT INTO public.events VALUES (?, ?, ?)");
                    PreparedStatement update =
                            c.prepareStatement("UPDATE public.events SET v = ?, note = ? WHERE id = ?");
                    PreparedStatement delete = c.prepareStatement("DELETE FROM public.events WHERE id = ?")) {
                for (int i = 0; i < kinds.size(); i++) {
                    long id = ids.get(i);
                    switch (kinds.get(i)) {
                        case "I" -> {
                            insert.setLong(1, id);
                            insert.setLong(2, v + i);
                            insert.setString(3, i % 7 == 0 ? null : "event " + id);
                            insert.executeUpdate();
                        }
                        case "U" -> {
                            update.setLong(1, v - i);
                            update.setString(2, "updated " + id + " " + i);
                            update.setLong(3, id);
                            update.executeUpdate();
                        }
                        default -> {
                            delete.setLong(1, id);
                            delete.executeUpdate();
                        }
                    }
                }
            }
            c.commit();
            return true;
        } catch (SQLException e) {
            if (unreachable(e)) {
                return false;
            }
            throw e;
        }
    }
}
