package coop.cpc.lakehouse.application.ingest.source;

import java.io.Serializable;
import java.util.List;

/**
 * Where a file-drop run is: the claimed files read to their end, and the file being read with the
 * records read from it.
 *
 * @param currentClaim null between files
 */
record DropCheckpoint(List<String> doneClaims, String currentClaim, long recordIndex) implements Serializable {
    private static final long serialVersionUID = 1L;

    DropCheckpoint {
        doneClaims = List.copyOf(doneClaims);
    }
}
