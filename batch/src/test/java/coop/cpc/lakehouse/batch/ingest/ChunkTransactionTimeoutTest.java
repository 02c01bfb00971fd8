package coop.cpc.lakehouse.batch.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import coop.cpc.lakehouse.ingest.http.HttpSourceConfig;
import coop.cpc.lakehouse.ingest.postgres.SourceDatabaseUrl;
import java.io.InputStream;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * Every chunk of an ingestion run is one JTA transaction, and both batch runtimes give it 180 s unless
 * the step says otherwise (JBeret 3's ChunkRunner reads the step property
 * {@code jakarta.transaction.global.timeout}, Open Liberty's ChunkStepControllerImpl
 * {@code javax.transaction.global.timeout}). A source slower than that per chunk would fail every chunk
 * at commit and the job would never progress. The job XML therefore sets a bounded timeout that leaves room
 * for one whole read of the slowest allowed kind and the chunk's write, and no chunk time-limit (JBeret 3.1's
 * timer for it is never cancelled and ends later chunks early, one thread per chunk).
 */
class ChunkTransactionTimeoutTest {
    private static final String[] TIMEOUT_PROPERTIES = {
        "jakarta.transaction.global.timeout", "javax.transaction.global.timeout"
    };
    /** The runtimes' default, which a slow source's chunk must not depend on. */
    private static final int RUNTIME_DEFAULT_TIMEOUT_SECONDS = 180;
    /** An upper bound: a hung source still fails its chunk within this. */
    private static final int MAX_TIMEOUT_SECONDS = 3600;

    @Test
    void readChunksHaveABoundedTransactionTimeoutAboveTheRuntimesDefaultOnBothRuntimesAndNoTimeLimit()
            throws Exception {
        Element step = step(ingestionJob(), "read");
        Element chunk = (Element) step.getElementsByTagName("chunk").item(0);

        assertThat(chunk.getAttribute("time-limit"))
                .as("the chunk's time-limit (JBeret 3.1 starts a never-cancelled timer per chunk for it)")
                .isEmpty();
        // One read may take up to the longest read timeout a source allows by default (a PostgreSQL
        // fetch's socket timeout) or at most (one HTTP response), and the chunk's write and commit come
        // after it.
        long oneSlowRead =
                Math.max(SourceDatabaseUrl.DEFAULT_SOCKET_TIMEOUT, HttpSourceConfig.MAX_READ_TIMEOUT.toSeconds());
        for (String name : TIMEOUT_PROPERTIES) {
            String value = stepProperty(step, name);
            assertThat(value).as("step 'read' property " + name).matches("[1-9][0-9]*");
            int timeout = Integer.parseInt(value);
            assertThat(timeout)
                    .as(name)
                    .isGreaterThan(RUNTIME_DEFAULT_TIMEOUT_SECONDS)
                    .isGreaterThanOrEqualTo((int) (oneSlowRead + 60))
                    .isLessThanOrEqualTo(MAX_TIMEOUT_SECONDS);
        }
        assertThat(stepProperty(step, TIMEOUT_PROPERTIES[0])).isEqualTo(stepProperty(step, TIMEOUT_PROPERTIES[1]));
    }

    private static Document ingestionJob() throws Exception {
        try (InputStream xml =
                ChunkTransactionTimeoutTest.class.getResourceAsStream("/META-INF/batch-jobs/ingestion.xml")) {
            assertThat(xml).as("META-INF/batch-jobs/ingestion.xml").isNotNull();
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setNamespaceAware(false);
            return factory.newDocumentBuilder().parse(xml);
        }
    }

    private static Element step(Document job, String id) {
        NodeList steps = job.getElementsByTagName("step");
        for (int i = 0; i < steps.getLength(); i++) {
            Element step = (Element) steps.item(i);
            if (step.getAttribute("id").equals(id)) {
                return step;
            }
        }
        throw new AssertionError("no step '" + id + "' in ingestion.xml");
    }

    /** A property of the step itself (not of its listeners or artifacts), or null. */
    private static String stepProperty(Element step, String name) {
        NodeList children = step.getChildNodes();
        for (int i = 0; i < children.getLength(); i++) {
            if (children.item(i) instanceof Element properties
                    && properties.getTagName().equals("properties")) {
                NodeList entries = properties.getElementsByTagName("property");
                for (int j = 0; j < entries.getLength(); j++) {
                    Element property = (Element) entries.item(j);
                    if (property.getAttribute("name").equals(name)) {
                        return property.getAttribute("value");
                    }
                }
            }
        }
        return null;
    }
}
