package coop.cpc.lakehouse.catalog.datasource;

import javax.naming.NamingException;
import javax.sql.DataSource;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * The catalog's DataSource, found by the JNDI name the server binds it to: MicroProfile Config
 * {@value #NAME_KEY}, by default WildFly's {@value #WILDFLY_NAME} (server-config's CLI scripts);
 * Open Liberty binds it as {@code jdbc/LakehouseDS} and sets the key in its {@code jvm.options}.
 * The persistence unit names the same data source in persistence.xml (see docs/deployment.md).
 */
public final class CatalogDataSource {
    /** The MicroProfile Config key that names the catalog DataSource's JNDI name. */
    public static final String NAME_KEY = "lakehouse.datasource.jndi-name";

    /** WildFly's JNDI name of the catalog DataSource (configure-datasource.cli). */
    public static final String WILDFLY_NAME = "java:jboss/datasources/LakehouseDS";

    private CatalogDataSource() {}

    /** The JNDI name configured for the catalog DataSource. */
    public static String jndiName() {
        return ConfigProvider.getConfig()
                .getOptionalValue(NAME_KEY, String.class)
                .filter(name -> !name.isBlank())
                .orElse(WILDFLY_NAME);
    }

    /** Looks the catalog DataSource up by its configured JNDI name. */
    public static DataSource lookup() {
        String name = jndiName();
        try {
            return javax.naming.InitialContext.doLookup(name);
        } catch (NamingException e) {
            throw new IllegalStateException(
                    "No catalog DataSource at JNDI name " + name + " (MicroProfile Config " + NAME_KEY + ")", e);
        }
    }
}
