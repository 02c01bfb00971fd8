package coop.cpc.lakehouse.ingest;

import java.io.InterruptedIOException;

/**
 * A read gave up because its run was asked to stop: a long scan or skip ends between records
 * instead of holding the run in STOPPING until it finishes. Nothing was sent to the sink by the
 * abandoned read, so the last checkpoint still says where to resume.
 */
public class ReadStoppedException extends InterruptedIOException {

    private static final long serialVersionUID = 1L;

    public ReadStoppedException(String what) {
        super(what + " stopped: the run was asked to stop");
    }
}
