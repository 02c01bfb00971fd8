package coop.cpc.lakehouse.config;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * The validated values of every {@link LakehouseKey}. Built once at start-up from a lookup
 * (MicroProfile Config inside the server, system properties + environment + file in the launcher);
 * an invalid value stops start-up with a message naming the key and the problem.
 */
public final class LakehouseSettings {
    private final Map<LakehouseKey, String> values;

    private LakehouseSettings(Map<LakehouseKey, String> values) {
        this.values = values;
    }

    /**
     * @param lookup returns the configured raw value of a MicroProfile Config property name, if any
     * @throws InvalidConfigurationException naming every invalid key
     */
    public static LakehouseSettings from(Function<String, Optional<String>> lookup) {
        Map<LakehouseKey, String> values = new EnumMap<>(LakehouseKey.class);
        List<String> problems = new ArrayList<>();
        for (LakehouseKey key : LakehouseKey.values()) {
            Optional<String> raw = lookup.apply(key.propertyName()).or(key::defaultValue);
            if (raw.isEmpty()) {
                continue;
            }
            String problem = key.type().problemWith(raw.get());
            if (problem != null) {
                problems.add(key.propertyName() + " " + problem
                        + (key.isSecret() ? "" : " (value: '" + raw.get() + "')")
                        + "; expected " + key.type().description());
            } else {
                values.put(key, raw.get().trim());
            }
        }
        if (!values.getOrDefault(LakehouseKey.OIDC_CLIENT_ID, "").isEmpty()
                && !values.getOrDefault(LakehouseKey.JWT_ISSUER, "").matches("(?i)https?://[^\\s]+")) {
            problems.add(LakehouseKey.OIDC_CLIENT_ID.propertyName() + " is set, so "
                    + LakehouseKey.JWT_ISSUER.propertyName()
                    + " must be the OIDC provider's issuer URL (http:// or https://), not '"
                    + values.getOrDefault(LakehouseKey.JWT_ISSUER, "") + "'");
        }
        if (values.getOrDefault(LakehouseKey.OIDC_CLIENT_ID, "").isEmpty()
                && !values.getOrDefault(LakehouseKey.OIDC_TOKEN_ENDPOINT, "").isEmpty()) {
            problems.add(LakehouseKey.OIDC_TOKEN_ENDPOINT.propertyName() + " is set, but "
                    + LakehouseKey.OIDC_CLIENT_ID.propertyName()
                    + " is not: the console signs in through no provider, so it has no token endpoint to use");
        }
        if (!problems.isEmpty()) {
            throw new InvalidConfigurationException("Invalid lakehouse configuration: " + String.join("; ", problems));
        }
        return new LakehouseSettings(values);
    }

    /**
     * Lookup order of the launcher: system properties, then environment, then the JSON file.
     *
     * @throws InvalidConfigurationException also for a DATA_LAKEHOUSE_* variable or data_lakehouse.* property that
     *     names no key ({@link UnknownOverrides})
     */
    public static LakehouseSettings fromSystemAndFile(JsonFileConfigSource file) {
        UnknownOverrides.refuseInThisProcess();
        return from(name -> Optional.ofNullable(System.getProperty(name))
                .or(() -> Optional.ofNullable(System.getenv(environmentName(name))))
                .or(() -> Optional.ofNullable(file.getValue(name))));
    }

    /**
     * The server's lookup: MicroProfile Config's value of each key, with one difference. MicroProfile Config takes an
     * empty value for a missing one, so a key set to {@code ""} (in lakehouse.json, as {@code DATA_LAKEHOUSE_X=} or
     * {@code -Ddata_lakehouse.x=}) silently got its default in the server, while the launcher and {@link
     * SecurityConfigSource}, which read the same places themselves, saw it empty: an empty {@code jwt_issuer} turned
     * the token's issuer check off while the server's settings showed the default issuer. Here an empty or blank value
     * is handed on as it is, for the key's type to accept (an empty {@code jwt_audience}: not checked) or refuse;
     * so is a value whose expression expands to nothing ({@code ${ISSUER:}}): the expanded value, never the raw text,
     * as {@link SecurityConfigSource}'s {@code mp.jwt.verify.issuer} gets it expanded.
     */
    public static Function<String, Optional<String>> lookupIn(org.eclipse.microprofile.config.Config config) {
        return name -> {
            Optional<String> value = config.getOptionalValue(name, String.class);
            if (value.isPresent()) {
                return value;
            }
            org.eclipse.microprofile.config.ConfigValue raw = config.getConfigValue(name);
            return Optional.ofNullable(raw == null ? null : raw.getValue());
        };
    }

    /** MicroProfile Config's environment variable name for a property: non-alphanumerics to '_', upper case. */
    public static String environmentName(String propertyName) {
        return propertyName.replaceAll("[^A-Za-z0-9]", "_").toUpperCase();
    }

    public Optional<PostgresConnection> postgresqlConnection() {
        return Optional.ofNullable(values.get(LakehouseKey.POSTGRESQL_CONNECTION))
                .map(PostgresConnection::parse);
    }

    public Path webmStoragePath() {
        return Path.of(values.get(LakehouseKey.WEBM_STORAGE_PATH));
    }

    public int auditLogRetentionDays() {
        return intValue(LakehouseKey.AUDIT_LOG_RETENTION_DAYS);
    }

    /** Days a finished batch run is kept before the run history purge deletes it (1 to 3650). */
    public int jobHistoryRetentionDays() {
        return intValue(LakehouseKey.JOB_HISTORY_RETENTION_DAYS);
    }

    /** Most audit entries appended in one transaction (1 to 4096). */
    public int auditGroupCommitEntries() {
        return intValue(LakehouseKey.AUDIT_GROUP_COMMIT_ENTRIES);
    }

    public String cdcReplicationSlot() {
        return values.get(LakehouseKey.CDC_REPLICATION_SLOT);
    }

    /** Milliseconds between CDC heartbeats, bounded to 100..3600000. */
    public int cdcHeartbeatIntervalMs() {
        return intValue(LakehouseKey.CDC_HEARTBEAT_INTERVAL_MS);
    }

    /** Rows of a CDC initial snapshot held in memory before they are staged as segment files, 1024..1048576. */
    public int cdcSnapshotChunkRows() {
        return intValue(LakehouseKey.CDC_SNAPSHOT_CHUNK_ROWS);
    }

    /** Changes of one open CDC source transaction held in memory at most, 1024..4194304. */
    public int cdcMaxTransactionChanges() {
        return intValue(LakehouseKey.CDC_MAX_TRANSACTION_CHANGES);
    }

    public int embeddedPostgresqlPort() {
        return intValue(LakehouseKey.EMBEDDED_POSTGRESQL_PORT);
    }

    public Path embeddedPostgresqlDataPath() {
        return Path.of(values.get(LakehouseKey.EMBEDDED_POSTGRESQL_DATA_PATH));
    }

    public int httpPort() {
        return intValue(LakehouseKey.HTTP_PORT);
    }

    public int managementPort() {
        return intValue(LakehouseKey.MANAGEMENT_PORT);
    }

    /** The heap of the application server the launcher starts, in MiB. */
    public int serverHeapMb() {
        return intValue(LakehouseKey.SERVER_HEAP_MB);
    }

    public java.util.Optional<String> auditPseudonymKey() {
        return java.util.Optional.ofNullable(values.get(LakehouseKey.AUDIT_PSEUDONYM_KEY))
                .filter(k -> !k.isBlank());
    }

    /** Bytes of decoded row groups the rows query may keep between requests. */
    public long rowGroupCacheBytes() {
        return Long.parseLong(values.get(LakehouseKey.ROW_GROUP_CACHE_BYTES));
    }

    /** Rows of each segment a compaction writes. */
    public int compactionTargetRows() {
        return intValue(LakehouseKey.COMPACTION_TARGET_ROWS);
    }

    /** Change segments after which a commit starts a compaction of its asset. */
    public int compactionChangeSegments() {
        return intValue(LakehouseKey.COMPACTION_CHANGE_SEGMENTS);
    }

    /** Chunks of an ingestion run written while its source reads on, 1 to 16. */
    public int ingestionChunksInFlight() {
        return intValue(LakehouseKey.INGESTION_CHUNKS_IN_FLIGHT);
    }

    /** Hour of the day (UTC) of the daily compaction and snapshot expiry. */
    public int maintenanceHourUtc() {
        return intValue(LakehouseKey.MAINTENANCE_HOUR_UTC);
    }

    public int snapshotRetentionDays() {
        return intValue(LakehouseKey.SNAPSHOT_RETENTION_DAYS);
    }

    public int snapshotRetainLast() {
        return intValue(LakehouseKey.SNAPSHOT_RETAIN_LAST);
    }

    /** Days an expired snapshot's catalog row stays before the daily expiry deletes it. */
    public int expiredSnapshotRecordDays() {
        return intValue(LakehouseKey.EXPIRED_SNAPSHOT_RECORD_DAYS);
    }

    public int graphqlMaxPageSize() {
        return intValue(LakehouseKey.GRAPHQL_MAX_PAGE_SIZE);
    }

    /** Most bytes of row values one GraphQL response carries. */
    public long graphqlMaxResponseBytes() {
        return Long.parseLong(values.get(LakehouseKey.GRAPHQL_MAX_RESPONSE_BYTES));
    }

    /** Most stored rows the rows fields (and customerJourney) of one GraphQL request decode, all together. */
    public long graphqlMaxScanRows() {
        return Long.parseLong(values.get(LakehouseKey.GRAPHQL_MAX_SCAN_ROWS));
    }

    /** Largest GraphQL request body accepted. */
    public int graphqlMaxRequestBytes() {
        return intValue(LakehouseKey.GRAPHQL_MAX_REQUEST_BYTES);
    }

    /** The folders local sources (file drops, sled databases) may read, as configured (maybe relative). */
    public List<Path> localSourceRoots() {
        return list(LakehouseKey.LOCAL_SOURCE_ROOTS).stream().map(Path::of).toList();
    }

    /** Non-public hosts HTTP sources may reach anyway. */
    public Set<String> httpSourceAllowList() {
        return Set.copyOf(list(LakehouseKey.HTTP_SOURCE_ALLOW_LIST));
    }

    /** Non-public hosts PostgreSQL sources may connect to anyway. */
    public Set<String> postgresSourceAllowList() {
        return Set.copyOf(list(LakehouseKey.POSTGRES_SOURCE_ALLOW_LIST));
    }

    /** The issuer a token must name. */
    public String jwtIssuer() {
        return values.get(LakehouseKey.JWT_ISSUER);
    }

    /** The issuer's public key: a PEM or JWKS file, or a JWKS URL; empty when unset (no token is accepted). */
    public Optional<String> jwtPublicKey() {
        return Optional.ofNullable(values.get(LakehouseKey.JWT_PUBLIC_KEY)).filter(k -> !k.isBlank());
    }

    /** The audiences one of which a token must name; empty: not checked. */
    public List<String> jwtAudiences() {
        return list(LakehouseKey.JWT_AUDIENCE);
    }

    /** The console's OIDC client id; empty when the console offers no provider sign-in. */
    public Optional<String> oidcClientId() {
        return Optional.ofNullable(values.get(LakehouseKey.OIDC_CLIENT_ID)).filter(id -> !id.isEmpty());
    }

    /**
     * The token endpoint the console uses instead of the discovery document's; empty when unset (always empty when
     * {@link #oidcClientId()} is).
     */
    public Optional<String> oidcTokenEndpoint() {
        return Optional.ofNullable(values.get(LakehouseKey.OIDC_TOKEN_ENDPOINT)).filter(url -> !url.isEmpty());
    }

    public boolean graphqlIntrospection() {
        return Boolean.parseBoolean(values.get(LakehouseKey.GRAPHQL_INTROSPECTION));
    }

    private List<String> list(LakehouseKey key) {
        String value = values.getOrDefault(key, "");
        return java.util.Arrays.stream(value.split(","))
                .map(String::trim)
                .filter(v -> !v.isEmpty())
                .toList();
    }

    private int intValue(LakehouseKey key) {
        return Integer.parseInt(values.get(key));
    }

    /** Every key with its effective value, secrets masked: safe to log. */
    public String describe() {
        StringBuilder out = new StringBuilder();
        for (LakehouseKey key : LakehouseKey.values()) {
            String value = values.get(key);
            String shown = value == null
                    ? "(unset)"
                    : key == LakehouseKey.POSTGRESQL_CONNECTION
                            ? PostgresConnection.parse(value).toString()
                            : key.isSecret() ? "***" : value;
            out.append(key.propertyName()).append('=').append(shown).append('\n');
        }
        return out.toString();
    }
}
