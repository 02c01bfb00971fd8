package coop.cpc.lakehouse.application.source.files;

import java.io.Serializable;
import java.util.List;

/**
 * Where a file-drop run is: the claimed files read to their end, and the file being read with the
 * records read from it.
 *
 * @param currentClaim null between files
 */
record FileDropCheckpoint(List<String> doneClaims, String currentClaim, long recordIndex) implements Serializable {
    private static final long serialVersionUID = 1L;

    FileDropCheckpoint {
        doneClaims = List.copyOf(doneClaims);
    }
}
