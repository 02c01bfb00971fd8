package coop.cpc.lakehouse.application.source.http;

import coop.cpc.lakehouse.application.source.OneAssetReader;
import coop.cpc.lakehouse.columnar.Schema;
import coop.cpc.lakehouse.ingest.RowSink;
import coop.cpc.lakehouse.ingest.http.Auth;
import coop.cpc.lakehouse.ingest.http.HttpCheckpoint;
import coop.cpc.lakehouse.ingest.http.HttpClients;
import coop.cpc.lakehouse.ingest.http.HttpJsonSource;
import coop.cpc.lakehouse.ingest.http.HttpRecordReader;
import coop.cpc.lakehouse.ingest.http.HttpSourceConfig;
import coop.cpc.lakehouse.ingest.http.Pagination;
import coop.cpc.lakehouse.ingest.http.SecretResolver;
import coop.cpc.lakehouse.ingest.record.ColumnMapping;
import java.io.Serializable;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/** An HTTP JSON API read page by page into one asset; the checkpoint is the page and record reached. */
final class HttpApiReader extends OneAssetReader {
    private final HttpJsonSource source;
    private final HttpRecordReader reader;

    HttpApiReader(
            HttpApiSettings definition,
            UUID asset,
            Schema schema,
            Set<String> allowList,
            SecretResolver secrets,
            HttpClients clients,
            Serializable checkpoint)
            throws Exception {
        super(asset, schema.columns());
        this.source = new HttpJsonSource(config(definition, allowList), schema, secrets, clients);
        this.reader = source.open(checkpoint instanceof HttpCheckpoint from ? from : source.start());
    }

    /** The library's configuration from the stored definition; unset limits keep the library's defaults. */
    static HttpSourceConfig config(HttpApiSettings d, Set<String> allowList) {
        HttpSourceConfig.Builder builder = HttpSourceConfig.builder(URI.create(d.url()))
                .recordsPointer(d.recordsPointer())
                .pagination(pagination(d.pagination()))
                .auth(auth(d.auth()))
                .ssrfAllowList(allowList);
        if (d.connectTimeoutSeconds() != null) {
            builder.connectTimeout(Duration.ofSeconds(d.connectTimeoutSeconds()));
        }
        if (d.readTimeoutSeconds() != null) {
            builder.readTimeout(Duration.ofSeconds(d.readTimeoutSeconds()));
        }
        if (d.maxRetries() != null) {
            builder.maxRetries(d.maxRetries());
        }
        if (d.maxResponseBytes() != null) {
            builder.maxResponseBytes(d.maxResponseBytes());
        }
        if (d.maxPages() != null) {
            builder.maxPages(d.maxPages());
        }
        return builder.build();
    }

    private static Pagination pagination(HttpApiSettings.Pagination p) {
        return switch (p.kind()) {
            case NONE -> new Pagination.None();
            case OFFSET ->
                new Pagination.Offset(
                        p.offsetParam() == null ? "offset" : p.offsetParam(),
                        p.limitParam() == null ? "limit" : p.limitParam(),
                        p.pageSize() == null ? 100 : p.pageSize(),
                        0);
            case CURSOR -> new Pagination.Cursor(p.cursorPointer(), p.cursorParam());
            case LINK_HEADER -> new Pagination.LinkHeader();
        };
    }

    private static Auth auth(HttpApiSettings.Auth a) {
        return switch (a.kind()) {
            case NONE -> new Auth.None();
            case BEARER -> new Auth.Bearer(a.secretAlias());
            case BASIC -> new Auth.Basic(a.username(), a.secretAlias());
            case API_KEY -> new Auth.ApiKey(a.headerName(), a.secretAlias());
        };
    }

    @Override
    public boolean readNext(RowSink sink) throws Exception {
        return reader.readNext(sink);
    }

    @Override
    public Serializable checkpoint() {
        return reader.checkpoint();
    }

    @Override
    public String sourceUri(UUID asset) {
        return source.sourceUri();
    }

    @Override
    public List<ColumnMapping> columnMappings(UUID asset) {
        return reader.mapping().mappings();
    }

    @Override
    public void close() {
        // Each page is read whole and closed by the library.
    }
}
