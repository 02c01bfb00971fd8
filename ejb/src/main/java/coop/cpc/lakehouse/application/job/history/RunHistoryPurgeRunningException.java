package coop.cpc.lakehouse.application.job.history;

/** A run history purge was asked for while another one (the daily one, or an operator's) still runs. */
public class RunHistoryPurgeRunningException extends Exception {
    private static final long serialVersionUID = 1L;

    public RunHistoryPurgeRunningException() {
        super("a run history purge is already running; ask again once it has ended (the server log says when)");
    }
}
