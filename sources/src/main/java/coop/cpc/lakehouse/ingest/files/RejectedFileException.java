package coop.cpc.lakehouse.ingest.files;

import java.io.IOException;

/**
 * A whole file is refused: it cannot be read as its type says or it breaks a limit. The caller
 * quarantines it with {@link DropDirectory#quarantine(ClaimedFile, String)} and this message.
 * Other IOExceptions from a read are environmental (disk, sink) and leave the file claimed, so a
 * restarted job can read it again.
 */
public abstract class RejectedFileException extends IOException {

    private static final long serialVersionUID = 1L;

    protected RejectedFileException(String message, Throwable cause) {
        super(message, cause);
    }
}
