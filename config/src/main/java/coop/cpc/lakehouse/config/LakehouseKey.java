package coop.cpc.lakehouse.config;

import java.util.Arrays;
import java.util.Optional;

/**
 * Every configuration key of the lakehouse, declared once with its type, default and description.
 *
 * <p>In {@code lakehouse.json} a key sits under {@code "data_lakehouse"}; in MicroProfile Config
 * its name is {@code data_lakehouse.<key>} (environment: {@code DATA_LAKEHOUSE_<KEY>}).
 */
public enum LakehouseKey {
    POSTGRESQL_CONNECTION(
            "postgresql_connection",
            ValueType.POSTGRESQL_URL,
            null,
            "The catalog database, as postgresql://user:password@host:port/database. "
                    + "When unset, the launcher starts an embedded PostgreSQL (see embedded_postgresql_*)."),
    WEBM_STORAGE_PATH(
            "webm_storage_path",
            ValueType.PATH,
            "var/webm",
            "Folder that holds the WebM columnar segment files; relative paths are resolved against the launcher's working directory."),
    AUDIT_LOG_RETENTION_DAYS(
            "audit_log_retention_days",
            ValueType.DAYS,
            "365",
            "Days an audit log entry is kept before the retention purge removes it (the hash chain keeps an anchor)."),
    JOB_HISTORY_RETENTION_DAYS(
            "job_history_retention_days",
            ValueType.HISTORY_DAYS,
            "90",
            "Days a finished batch run is kept (from 1 to 3650) before the daily run history purge deletes it from "
                    + "the catalog's ingestion_runs and, on WildFly, from the batch runtime's job repository; a run "
                    + "that can still be restarted, or runs, and the newest run and newest committed run of each ingestion "
                    + "job always stay."),
    AUDIT_GROUP_COMMIT_ENTRIES(
            "audit_group_commit_entries",
            ValueType.AUDIT_GROUP,
            "256",
            "Most audit entries appended in one transaction (from 1 to 4096): entries recorded while the previous "
                    + "append commits go in together, in chain order, and each caller waits until its own entry is "
                    + "committed; 1 commits every entry alone."),
    CDC_REPLICATION_SLOT(
            "cdc_replication_slot",
            ValueType.IDENTIFIER,
            "lakehouse_cdc",
            "Prefix of the PostgreSQL logical replication slots and publications of change data capture: "
                    + "stream s uses slot <prefix>_s and publication <prefix>_s_pub (docs/cdc.md)."),
    CDC_HEARTBEAT_INTERVAL_MS(
            "cdc_heartbeat_interval_ms",
            ValueType.HEARTBEAT_MS,
            "10000",
            "Milliseconds between CDC heartbeats (from 100 to 3600000): each writes the stream's heartbeat row on the "
                    + "source and commits the offset, so an idle slot's confirmed position moves on and WAL is freed."),
    CDC_SNAPSHOT_CHUNK_ROWS(
            "cdc_snapshot_chunk_rows",
            ValueType.SEGMENT_ROWS,
            "65536",
            "Rows of a CDC initial snapshot held in memory at most (from 1024 to 1048576): every this many rows are "
                    + "written to segment files that stay invisible until the whole snapshot commits with its offset."),
    CDC_MAX_TRANSACTION_CHANGES(
            "cdc_max_transaction_changes",
            ValueType.TRANSACTION_CHANGES,
            "131072",
            "Changes of one open CDC source transaction held in memory at most (from 1024 to 4194304): a source "
                    + "transaction is applied whole at its COMMIT, so a larger one stops the stream (lastError names "
                    + "this key and the transaction) until the key is raised; nothing of it is applied."),
    EMBEDDED_POSTGRESQL_PORT(
            "embedded_postgresql_port",
            ValueType.PORT,
            "54320",
            "Port of the embedded PostgreSQL started when postgresql_connection is unset."),
    EMBEDDED_POSTGRESQL_DATA_PATH(
            "embedded_postgresql_data_path",
            ValueType.PATH,
            "var/postgres",
            "Data folder of the embedded PostgreSQL; kept across restarts so the catalog survives."),
    HTTP_PORT(
            "http_port",
            ValueType.PORT,
            "8080",
            "HTTP port of the application server started by the launcher (GraphQL at /lakehouse/graphql)."),
    MANAGEMENT_PORT(
            "management_port",
            ValueType.PORT,
            "9990",
            "Management port of the application server started by the launcher (health, metrics, CLI)."),
    SERVER_HEAP_MB(
            "server_heap_mb",
            ValueType.HEAP_MB,
            "2048",
            "Heap in MiB of the application server the launcher starts (from 1024 to 65536): committed whole at start "
                    + "(-Xms and -Xmx), half of it the young generation (-Xmn). The machine needs this plus about 1.5 GB "
                    + "for the JVM's other memory, the embedded PostgreSQL and the launcher. A JAVA_OPTS of the "
                    + "launcher's environment reaches WildFly after these flags; a -Xms, -Xmx or -Xmn in it replaces "
                    + "all three."),
    GRAPHQL_MAX_PAGE_SIZE(
            "graphql_max_page_size",
            ValueType.PAGE_SIZE,
            "500",
            "Largest page a GraphQL list query returns (from 1 to 10000); a larger 'first' is refused."),
    GRAPHQL_MAX_RESPONSE_BYTES(
            "graphql_max_response_bytes",
            ValueType.BYTE_LIMIT,
            "16777216",
            "Most bytes of row values one GraphQL response carries (all rows fields of a request together, "
                    + "from 1024 to 268435456); a page that would exceed it is refused with code response-too-large "
                    + "and the caller pages with a smaller 'first'. Lineage answers and customerJourney's interactions "
                    + "count against it too."),
    GRAPHQL_MAX_SCAN_ROWS(
            "graphql_max_scan_rows",
            ValueType.SCAN_ROWS,
            "4194304",
            "Most stored rows the rows fields of one GraphQL request decode to find their rows, all fields together "
                    + "(from 1024 to 67108864). A field that reaches it returns the rows found so far with hasNextPage "
                    + "true and an endCursor where its scan stopped; each field scans at least one row group. "
                    + "customerJourney's scans share it: a journey is refused when the row groups that may hold its "
                    + "customer hold more than is left."),
    GRAPHQL_MAX_REQUEST_BYTES(
            "graphql_max_request_bytes",
            ValueType.BYTE_LIMIT,
            "8388608",
            "Largest GraphQL request body in bytes (from 1024 to 268435456); a larger one is refused with HTTP 413 "
                    + "before it is parsed."),
    AUDIT_PSEUDONYM_KEY(
            "audit_pseudonym_key",
            ValueType.SECRET_KEY,
            null,
            "Secret key of the HMAC that turns user names into audit pseudonyms, from 32 to 1024 bytes (a shorter "
                    + "key is refused at start-up: user names are easy to guess, so the key alone protects them). "
                    + "When unset, a random key is drawn at each start, so pseudonyms cannot be linked across restarts."),
    LOCAL_SOURCE_ROOTS(
            "local_source_roots",
            ValueType.STRING,
            "var/inbox",
            "Comma-separated folders that file-drop and sled ingestion jobs may read; a job's folder must lie inside one "
                    + "of them. Relative paths are resolved against the launcher's working directory."),
    HTTP_SOURCE_ALLOW_LIST(
            "http_source_allow_list",
            ValueType.STRING,
            "",
            "Comma-separated hosts or IP addresses that HTTP ingestion may reach although they are loopback, private or "
                    + "link-local (refused otherwise, against server-side request forgery). Empty: none."),
    POSTGRES_SOURCE_ALLOW_LIST(
            "postgres_source_allow_list",
            ValueType.STRING,
            "",
            "Comma-separated hosts or IP addresses that PostgreSQL ingestion may connect to although they are loopback, "
                    + "private or special-purpose addresses (refused otherwise). The catalog's own database is refused "
                    + "even when its host is listed. Empty: none."),
    JWT_ISSUER(
            "jwt_issuer",
            ValueType.ISSUER,
            "lakehouse-local",
            "The issuer (iss claim) a MicroProfile JWT must carry to be accepted (mp.jwt.verify.issuer); never empty. The default is "
                    + "the issuer of the tokens 'bin/lakehouse token' mints; for an OIDC provider, its issuer URL."),
    JWT_PUBLIC_KEY(
            "jwt_public_key",
            ValueType.KEY_LOCATION,
            null,
            "Where the issuer's public key is (mp.jwt.verify.publickey.location): a PEM or JWKS file path, or the "
                    + "provider's JWKS URL (https://.../certs). The launcher sets it to the key it keeps under var/jwt; "
                    + "unset on a server of your own, no token is accepted."),
    JWT_AUDIENCE(
            "jwt_audience",
            ValueType.AUDIENCES,
            "lakehouse",
            "Comma-separated audiences (aud claim), one of which a token must name (mp.jwt.verify.audiences). Empty: the "
                    + "audience is not checked."),
    OIDC_CLIENT_ID(
            "oidc_client_id",
            ValueType.CLIENT_ID,
            "",
            "The console's client id at the OIDC provider named by jwt_issuer (a public client allowed the "
                    + "authorization code flow with PKCE, its redirect URI the console's address). When set, the "
                    + "console offers 'Sign in with' the provider; jwt_issuer must then be the provider's http(s) "
                    + "issuer URL. Empty: tokens are pasted."),
    OIDC_TOKEN_ENDPOINT(
            "oidc_token_endpoint",
            ValueType.BROWSER_ENDPOINT,
            "",
            "The token endpoint the console trades its sign-in code at, instead of the one the provider's discovery "
                    + "document names, for a provider that serves it on another origin than jwt_issuer's (e.g. "
                    + "https://token.example.coop/oauth2/token). Its origin is added to the console's "
                    + "Content-Security-Policy (connect-src). An https URL (http only to this machine), at most 2048 "
                    + "characters; only with oidc_client_id. Empty: the discovery document's, on jwt_issuer's origin."),
    GRAPHQL_INTROSPECTION(
            "graphql_introspection",
            ValueType.BOOLEAN,
            "true",
            "Whether authenticated callers may introspect the GraphQL schema (__schema, __type). Unauthenticated "
                    + "callers never reach GraphQL at all."),
    COMPACTION_TARGET_ROWS(
            "compaction_target_rows",
            ValueType.SEGMENT_ROWS,
            "1048576",
            "Rows of each base segment the compact-asset job writes (from 1024 to 1048576); the job holds one such "
                    + "segment's rows in memory."),
    COMPACTION_CHANGE_SEGMENTS(
            "compaction_change_segments",
            ValueType.COUNT,
            "16",
            "Change segments (delete segments and data segments newer than the last compaction) after which a commit "
                    + "starts the compact-asset job for its asset (from 1 to 100000)."),
    ROW_GROUP_CACHE_BYTES(
            "row_group_cache_bytes",
            ValueType.BYTE_LIMIT,
            "67108864",
            "Most bytes (estimated in memory, from 1024 to 268435456) of decoded row groups and segment headers the "
                    + "rows query keeps for the next requests; segments never change, so a hit is always exact. "
                    + "The least recently used go first."),
    INGESTION_CHUNKS_IN_FLIGHT(
            "ingestion_chunks_in_flight",
            ValueType.CHUNKS_IN_FLIGHT,
            "2",
            "Chunks of an ingestion run whose segment files are written (encoded, forced to disk) on the server's "
                    + "managed executor while the source reads on (from 1 to 16). Memory holds this many chunks' rows "
                    + "besides the one being read; a chunk's checkpoint is saved only once its segments are durable."),
    MAINTENANCE_HOUR_UTC(
            "maintenance_hour_utc",
            ValueType.HOUR,
            "3",
            "Hour of the day (UTC, 0 to 23) of the daily table maintenance: every asset with change segments is "
                    + "compacted, then every asset's snapshots are expired by snapshot_retention_days and "
                    + "snapshot_retain_last."),
    SNAPSHOT_RETENTION_DAYS(
            "snapshot_retention_days",
            ValueType.DAYS,
            "30",
            "Days a snapshot stays readable for time travel and the change feed (from 1 to 36500) before the daily "
                    + "expiry removes it (the newest snapshot_retain_last always stay)."),
    SNAPSHOT_RETAIN_LAST(
            "snapshot_retain_last",
            ValueType.COUNT,
            "10",
            "Snapshots of each asset the daily expiry always keeps, however old (from 1 to 100000)."),
    EXPIRED_SNAPSHOT_RECORD_DAYS(
            "expired_snapshot_record_days",
            ValueType.DAYS,
            "7",
            "Days an expired snapshot keeps its catalog row (listed with expiredAt, named in the refusal of a read of"
                    + " it; from 1 to 36500) before the daily expiry deletes the row, unless a segment still in the"
                    + " catalog names it. Reads of a deleted one are still refused as expired.");

    /** The object of lakehouse.json that holds the keys, and the prefix of their MicroProfile Config names. */
    public static final String SECTION = "data_lakehouse";

    private final String key;
    private final ValueType type;
    private final String defaultValue;
    private final String description;

    LakehouseKey(String key, ValueType type, String defaultValue, String description) {
        this.key = key;
        this.type = type;
        this.defaultValue = defaultValue;
        this.description = description;
    }

    /** @return the key as written in lakehouse.json, e.g. {@code webm_storage_path} */
    public String key() {
        return key;
    }

    /** @return the MicroProfile Config property name, e.g. {@code data_lakehouse.webm_storage_path} */
    public String propertyName() {
        return SECTION + "." + key;
    }

    public ValueType type() {
        return type;
    }

    public Optional<String> defaultValue() {
        return Optional.ofNullable(defaultValue);
    }

    public String description() {
        return description;
    }

    /** A value that is printed must not reveal a password. */
    public boolean isSecret() {
        return this == POSTGRESQL_CONNECTION || this == AUDIT_PSEUDONYM_KEY;
    }

    public static Optional<LakehouseKey> byKey(String key) {
        return Arrays.stream(values()).filter(k -> k.key.equals(key)).findFirst();
    }
}
