package coop.cpc.lakehouse.launcher;

import coop.cpc.lakehouse.config.LakehouseKey;
import coop.cpc.lakehouse.config.LakehouseSettings;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;

/**
 * Makes sure nothing listens on a port before the launcher starts a server on it. Without this
 * check, the embedded PostgreSQL fails to bind while the launcher connects to whatever answers on
 * the port (a PostgreSQL of another data folder, say) and WildFly starts without its HTTP listener.
 */
final class PortCheck {

    private PortCheck() {}

    /**
     * @param port the port the launcher is about to use
     * @param key the configuration key that sets it, named in the message
     * @param role what would listen there, e.g. "the embedded PostgreSQL"
     * @throws PortInUseException when something listens on the port, on any local address
     */
    static void requireFree(int port, LakehouseKey key, String role) throws PortInUseException {
        if (!isFree(port)) {
            throw new PortInUseException("Port " + port + " for " + role + " is already in use by another program"
                    + " (a PostgreSQL or server left running, or another lakehouse). Stop that program, or choose another"
                    + " port with " + key.key() + " (system property " + key.propertyName() + ", environment "
                    + LakehouseSettings.environmentName(key.propertyName()) + ", or lakehouse.json).");
        }
    }

    /**
     * Binds the wildcard address, which fails when any address of this machine has a listener on
     * the port. SO_REUSEADDR lets the closed connections (TIME_WAIT) of a server that just stopped
     * pass: they do not stop a new server from listening.
     */
    static boolean isFree(int port) {
        try (ServerSocket probe = new ServerSocket()) {
            probe.setReuseAddress(true);
            probe.bind(new InetSocketAddress(port));
            return true;
        } catch (IOException inUse) {
            return false;
        }
    }
}
