package coop.cpc.lakehouse.ingest.http;

import com.fasterxml.jackson.databind.JsonNode;
import coop.cpc.lakehouse.columnar.Schema;
import coop.cpc.lakehouse.ingest.RowSink;
import coop.cpc.lakehouse.ingest.record.ConvertingRecordReader;
import coop.cpc.lakehouse.ingest.record.RecordConverter;
import coop.cpc.lakehouse.ingest.record.RecordRejectedException;
import java.io.IOException;
import java.net.URI;
import java.util.logging.Logger;

/**
 * Reads an HTTP source record by record, for a chunk step that checkpoints between records;
 * one page is held in memory at a time. Opened by {@link HttpJsonSource#open(HttpCheckpoint)}. A page
 * whose URL this reader fetched before ends the read as a pagination loop, and so do
 * {@value #MAX_IDENTICAL_PAGES} consecutive pages of records with the same body (an API that ignores the offset).
 */
public final class HttpRecordReader extends ConvertingRecordReader {

    private static final Logger LOG = Logger.getLogger(HttpRecordReader.class.getName());
    /** This many consecutive pages with the same non-empty body end the read: the API ignores the offset. */
    static final int MAX_IDENTICAL_PAGES = 100;

    private final HttpJsonSource source;
    private final HttpJsonSource.AuthHeader auth;
    private HttpCheckpoint position;
    private PageBody.Records records;
    private URI next;
    private int index;
    private int pagesFetched;
    /** The hash of the body of the page fetched last; read only once {@code pagesFetched > 0}. */
    private long previousBodyHash;
    /** How many pages in a row, the last fetched included, had the same non-empty body. */
    private int identicalPages;

    private final FetchedPages fetched = new FetchedPages();

    HttpRecordReader(HttpJsonSource source, HttpJsonSource.AuthHeader auth, HttpCheckpoint from, Schema schema) {
        super(new RecordConverter(schema));
        this.source = source;
        this.auth = auth;
        this.position = from;
    }

    /**
     * Reads the next record, fetching the next page when needed, and sends it to the sink as a
     * row or a rejected record.
     *
     * @return false when every page was read, with nothing sent
     * @throws HttpSourceException a page could not be fetched or read: the run fails and can be
     *                             restarted from the last committed checkpoint
     */
    public boolean readNext(RowSink sink) throws IOException {
        while (records == null) {
            if (position.finished()) {
                return false;
            }
            int maxPages = source.config().maxPages();
            if (position.pagesDone() >= maxPages) {
                String shown = Urls.redacted(position.page());
                throw new HttpSourceException(
                        shown,
                        HttpSourceException.NO_STATUS,
                        "GET " + shown + ": more than maxPages=" + maxPages
                                + " pages; raise maxPages if the API really holds that many",
                        null);
            }
            int pageNumber = position.pagesDone() + 1;
            int earlier = fetched.add(position.page(), pageNumber);
            if (earlier != 0) {
                String shown = Urls.redacted(position.page());
                throw new HttpSourceException(
                        shown,
                        HttpSourceException.NO_STATUS,
                        "GET " + shown + ": pagination loop: page " + pageNumber + " is page " + earlier
                                + " again; the API's next page points back",
                        null);
            }
            HttpJsonSource.Page page = source.fetch(position.page(), position.pagesDone(), auth);
            identicalPages = pagesFetched > 0
                            && page.bodyHash() == previousBodyHash
                            && page.records().size() > 0
                    ? identicalPages + 1
                    : 1;
            if (identicalPages >= MAX_IDENTICAL_PAGES) {
                // Every URL differs, so the loop check above cannot see it: an API ignoring the offset would
                // otherwise be read maxPages times over. Fewer repeats can be real data (rows without ids, the
                // position only in the URL), so only a long run of them counts.
                String shown = Urls.redacted(position.page());
                throw new HttpSourceException(
                        shown,
                        HttpSourceException.NO_STATUS,
                        "GET " + shown + ": pages " + (pageNumber - identicalPages + 1) + " to " + pageNumber
                                + " are the same, byte for byte; the API seems to ignore the page's offset or cursor",
                        null);
            }
            previousBodyHash = page.bodyHash();
            pagesFetched++;
            records = page.records();
            next = page.next();
            index = position.recordIndex();
            if (index > records.size()) {
                int had = index;
                LOG.warning(() -> "page " + (position.pagesDone() + 1) + " now holds " + records.size()
                        + " records, the checkpoint had read " + had + "; the API changed since");
            }
            if (index >= records.size()) {
                nextPage();
            }
        }
        ConvertingRecordReader.Conversion record;
        try {
            JsonNode node = records.get(index);
            record = converter -> converter.fromJson(node);
        } catch (RecordRejectedException e) {
            record = converter -> {
                throw e;
            };
        }
        index++;
        String where = "page " + (position.pagesDone() + 1) + ", record " + index;
        if (index >= records.size()) {
            nextPage();
        } else {
            position = new HttpCheckpoint(position.page(), position.pagesDone(), index);
        }
        deliver(record, source.sourceUri(), () -> where, sink);
        return true;
    }

    private void nextPage() {
        position = new HttpCheckpoint(next, position.pagesDone() + 1, 0);
        records = null;
    }

    /** Where to resume: valid once the records read so far are committed. */
    public HttpCheckpoint checkpoint() {
        return position;
    }

    /** Pages fetched by this reader, retries not counted. */
    public int pagesFetched() {
        return pagesFetched;
    }
}
