package coop.cpc.lakehouse.it;

import org.junit.jupiter.api.AfterEach;

/**
 * Base of the CDC ITs whose tests each leave their streams to the end: {@link #streams} of the Arquillian server,
 * all deleted after each test (with their slots), so a later deployment on this catalog does not start them again.
 * The subclass registers its source ({@link CdcSourceExtension}); a test's streams are deleted before it stops.
 */
abstract class CdcStreamFixture extends DeployedEarFixture {
    protected final CdcStreams streams = new CdcStreams(graphql);

    @AfterEach
    void deleteTheStreams() throws Exception {
        streams.deleteAll();
    }
}
