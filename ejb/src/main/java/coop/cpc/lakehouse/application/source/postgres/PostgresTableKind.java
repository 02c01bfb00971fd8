package coop.cpc.lakehouse.application.source.postgres;

import coop.cpc.lakehouse.application.InvalidInputException;
import coop.cpc.lakehouse.application.RoleNames;
import coop.cpc.lakehouse.application.source.OpenRequest;
import coop.cpc.lakehouse.application.source.SecretAliases;
import coop.cpc.lakehouse.application.source.SourceEnvironment;
import coop.cpc.lakehouse.application.source.SourceKind;
import coop.cpc.lakehouse.application.source.SourceReader;
import coop.cpc.lakehouse.catalog.job.SourceType;
import coop.cpc.lakehouse.catalog.snapshot.SnapshotOperation;
import coop.cpc.lakehouse.ingest.postgres.QualifiedTableName;
import coop.cpc.lakehouse.ingest.postgres.SourceConnector;
import coop.cpc.lakehouse.ingest.postgres.SourceDatabaseGuard;
import coop.cpc.lakehouse.ingest.postgres.SourceDatabaseUrl;
import coop.cpc.lakehouse.ingest.secret.SecretDestination;
import java.net.UnknownHostException;

/**
 * PostgreSQL tables, read incrementally after the last committed key: their runs APPEND. Updates
 * and deletes of rows already read are change data capture's job.
 */
public final class PostgresTableKind implements SourceKind<PostgresTableSettings> {

    @Override
    public SourceType type() {
        return SourceType.POSTGRES_TABLE;
    }

    @Override
    public Class<PostgresTableSettings> settingsType() {
        return PostgresTableSettings.class;
    }

    @Override
    public String field() {
        return "postgresTable";
    }

    @Override
    public SnapshotOperation snapshotOperation() {
        return SnapshotOperation.APPEND;
    }

    /**
     * The database (host, port, database name) and the table: the last key read belongs to them, not to the columns,
     * the login or the URL's parameters (TLS mode, timeouts), which may change at any time.
     */
    @Override
    public Object sourceIdentity(PostgresTableSettings settings) {
        try {
            SourceDatabaseUrl url = SourceDatabaseUrl.parse(settings.url());
            return java.util.Arrays.asList(
                    url.bareHost().toLowerCase(java.util.Locale.ROOT), url.port(), url.database(), settings.table());
        } catch (IllegalArgumentException | NullPointerException e) {
            return java.util.Arrays.asList(settings.url(), settings.table());
        }
    }

    @Override
    public void validate(PostgresTableSettings p, SourceEnvironment environment) throws InvalidInputException {
        SourceDatabaseUrl url;
        try {
            url = SourceDatabaseUrl.parse(p.url());
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException("postgresTable.url " + e.getMessage()
                    + (p.url() != null && p.url().contains("@") ? "; credentials go in user and passwordAlias" : ""));
        }
        RoleNames.require("postgresTable.user", p.user());
        SecretAliases.requireAlias("postgresTable.passwordAlias", p.passwordAlias());
        QualifiedTableName table;
        try {
            table = QualifiedTableName.parse(p.table());
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException("postgresTable.table: " + e.getMessage());
        }
        try {
            SourceDatabaseGuard.checkTable(table);
        } catch (SourceDatabaseGuard.RefusedException e) {
            throw new InvalidInputException("postgresTable.table: " + e.getMessage());
        }
        for (String column : p.columns()) {
            try {
                QualifiedTableName.requireIdentifier("column", column);
            } catch (IllegalArgumentException e) {
                throw new InvalidInputException("postgresTable.columns: " + e.getMessage());
            }
        }
        // Last: the checks that read configuration and DNS.
        if (p.passwordAlias() != null) {
            SecretAliases.requireBound(
                    "postgresTable.passwordAlias",
                    environment.guards(),
                    p.passwordAlias(),
                    new SecretDestination.Postgres(url.bareHost(), url.port(), url.database()));
        }
        try {
            environment.guards().postgres(environment.settings()).check(url);
        } catch (SourceDatabaseGuard.RefusedException e) {
            throw new InvalidInputException("postgresTable.url: " + e.getMessage());
        } catch (UnknownHostException e) {
            // DNS may answer by the time a run starts; the run checks again.
        }
    }

    @Override
    public SourceReader open(PostgresTableSettings settings, OpenRequest request) throws Exception {
        var guards = request.environment().guards();
        return PostgresTableReader.open(
                settings,
                request.assets().target(request.job()),
                request.assets().targetSchema(request.job()),
                new SourceConnector(guards.postgres(request.environment().settings()), guards.secrets()),
                request.job().getSourceState(),
                request.checkpoint());
    }
}
