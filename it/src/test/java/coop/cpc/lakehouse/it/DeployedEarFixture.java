package coop.cpc.lakehouse.it;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Base of the ITs that test, as a client, the real EAR Arquillian deploys to its server ({@link
 * Deployments#lakehouseEar}): the catalog's PostgreSQL ({@link ItDatabase}) starts before the server, and a test
 * talks to the server over GraphQL as admin ({@link #graphql}) and drives ingestion jobs with {@link #runs}.
 * Extensions a test class adds (a CDC source) start after both.
 */
@ExtendWith({ItDatabase.class, ArquillianExtension.class})
@RunAsClient
abstract class DeployedEarFixture {
    /** A GraphQL client of the Arquillian server, as admin. */
    protected final GraphQlClient graphql = new GraphQlClient();

    /** Ingestion jobs and assets through {@link #graphql}. */
    protected final IngestionRuns runs = new IngestionRuns(graphql);

    @Deployment(testable = false)
    static EnterpriseArchive deployment() {
        return Deployments.lakehouseEar();
    }
}
