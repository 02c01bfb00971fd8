package coop.cpc.lakehouse.catalog.jpa;

import org.hibernate.boot.model.TypeContributions;
import org.hibernate.dialect.DatabaseVersion;
import org.hibernate.dialect.PostgreSQLCastingJsonJdbcType;
import org.hibernate.dialect.PostgreSQLDialect;
import org.hibernate.engine.jdbc.dialect.spi.DialectResolutionInfo;
import org.hibernate.service.ServiceRegistry;
import org.hibernate.type.SqlTypes;

/**
 * PostgreSQL as Hibernate knows it, except that jsonb values are bound as text cast to jsonb
 * instead of pgjdbc's PGobject. The EAR sees the server's pgjdbc module (PostgreSQL ingestion uses
 * its CopyManager), so Hibernate would pick its PGobject-based JSON type, whose class lives in the
 * Hibernate module and cannot load PGobject there (ClassNotFoundException on the first jsonb write).
 */
public class CatalogPostgreSQLDialect extends PostgreSQLDialect {

    public CatalogPostgreSQLDialect() {
        super();
    }

    public CatalogPostgreSQLDialect(DialectResolutionInfo info) {
        super(info);
    }

    public CatalogPostgreSQLDialect(DatabaseVersion version) {
        super(version);
    }

    @Override
    public void contributeTypes(TypeContributions typeContributions, ServiceRegistry serviceRegistry) {
        super.contributeTypes(typeContributions, serviceRegistry);
        var registry = typeContributions.getTypeConfiguration().getJdbcTypeRegistry();
        registry.addDescriptor(SqlTypes.JSON, PostgreSQLCastingJsonJdbcType.JSONB_INSTANCE);
    }
}
