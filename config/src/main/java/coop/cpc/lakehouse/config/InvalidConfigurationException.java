package coop.cpc.lakehouse.config;

/** A configuration file or value that the lakehouse cannot start with; the message names the key and the problem. */
public class InvalidConfigurationException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public InvalidConfigurationException(String message) {
        super(message);
    }

    public InvalidConfigurationException(String message, Throwable cause) {
        super(message, cause);
    }
}
