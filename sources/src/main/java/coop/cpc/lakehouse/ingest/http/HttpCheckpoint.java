package coop.cpc.lakehouse.ingest.http;

import java.io.Serializable;
import java.net.URI;

/**
 * Where an HTTP source stands: the page to fetch (its full URL, offset or cursor included) and
 * how many of its records were already read. A restarted job fetches that page again and skips
 * them; the API may have changed in between, which no client can prevent.
 *
 * @param page        the page being read, or null when the run has read every page
 * @param pagesDone   pages fully read before it
 * @param recordIndex records of this page already read
 */
public record HttpCheckpoint(URI page, int pagesDone, int recordIndex) implements Serializable {

    public boolean finished() {
        return page == null;
    }

    @Override
    public String toString() {
        return "HttpCheckpoint[page=" + (page == null ? "none" : Urls.redacted(page)) + ", pagesDone=" + pagesDone
                + ", recordIndex=" + recordIndex + "]";
    }
}
