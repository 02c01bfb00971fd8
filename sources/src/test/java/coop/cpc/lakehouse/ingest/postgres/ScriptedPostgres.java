package coop.cpc.lakehouse.ingest.postgres;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.sql.Connection;
import java.sql.SQLException;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * An embedded PostgreSQL for the tests of one class (a static {@code @RegisterExtension} field): started
 * before them with its set-up script run on the {@code postgres} database, closed after them.
 */
final class ScriptedPostgres implements BeforeAllCallback, AfterAllCallback {
    private final String[] setUp;
    private final java.util.Map<String, String> serverConfig = new java.util.LinkedHashMap<>();
    private EmbeddedPostgres postgres;

    ScriptedPostgres(String... setUp) {
        this.setUp = setUp.clone();
    }

    /** A server setting of this class's PostgreSQL (set before it starts). */
    ScriptedPostgres withServerConfig(String name, String value) {
        serverConfig.put(name, value);
        return this;
    }

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder();
        serverConfig.forEach(builder::setServerConfig);
        postgres = builder.start();
        execute(setUp);
    }

    @Override
    public void afterAll(ExtensionContext context) throws Exception {
        if (postgres != null) {
            postgres.close();
        }
    }

    /** Runs more set-up statements, one after the other on one connection. */
    void execute(String... statements) throws SQLException {
        SqlScript.execute(postgres.getPostgresDatabase(), statements);
    }

    Connection connect() throws SQLException {
        return postgres.getPostgresDatabase().getConnection();
    }

    int port() {
        return postgres.getPort();
    }
}
