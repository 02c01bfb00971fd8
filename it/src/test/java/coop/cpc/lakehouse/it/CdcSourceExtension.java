package coop.cpc.lakehouse.it;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The source PostgreSQL of a CDC IT ({@link CdcSource}, in its own data folder) as a JUnit 5 extension: started
 * before the class's first test and stopped after its last ({@link #forClass}, on a static field), or around each
 * test ({@link #forEachTest}, on an instance field), also when a test fails. A test's own {@code @AfterEach} runs
 * before the source stops, so a server that reads it can be stopped first. The ITs run as clients
 * ({@code @RunAsClient}): nothing of it runs in the server.
 */
public final class CdcSourceExtension
        implements BeforeAllCallback, AfterAllCallback, BeforeEachCallback, AfterEachCallback {
    private final String folder;
    private final boolean eachTest;
    private CdcSource source;

    private CdcSourceExtension(String folder, boolean eachTest) {
        this.folder = folder;
        this.eachTest = eachTest;
    }

    /** One source for all the tests of the class, in {@code target/<folder>}. */
    public static CdcSourceExtension forClass(String folder) {
        return new CdcSourceExtension(folder, false);
    }

    /** A fresh source for each test, in {@code target/<folder>}. */
    public static CdcSourceExtension forEachTest(String folder) {
        return new CdcSourceExtension(folder, true);
    }

    /** Stops the source and starts its data folder again (a restarted source mid-stream). */
    public void restart() throws Exception {
        source.close();
        source = source.restart();
    }

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        if (!eachTest) {
            start();
        }
    }

    @Override
    public void afterAll(ExtensionContext context) throws Exception {
        if (!eachTest) {
            stop();
        }
    }

    @Override
    public void beforeEach(ExtensionContext context) throws Exception {
        if (eachTest) {
            start();
        }
    }

    @Override
    public void afterEach(ExtensionContext context) throws Exception {
        if (eachTest) {
            stop();
        }
    }

    private void start() throws Exception {
        source = CdcSource.start(folder);
    }

    private void stop() throws Exception {
        if (source != null) {
            try {
                source.close();
            } finally {
                source = null;
            }
        }
    }
}
