package coop.cpc.lakehouse.web.graphql;

import io.smallrye.graphql.spi.config.Config;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Properties;

/**
 * SmallRye GraphQL's configuration in the golden tests: the WAR's own
 * {@code META-INF/microprofile-config.properties}, read as the server reads it, so the tests see the
 * limits, error fields and messages the deployed API has. Found by SmallRye through
 * {@code META-INF/services} (the test classes come first on the class path).
 */
public class InProcessGraphQlConfig implements Config {
    private final Properties properties = new Properties();

    public InProcessGraphQlConfig() {
        try (InputStream in =
                InProcessGraphQlConfig.class.getResourceAsStream("/META-INF/microprofile-config.properties")) {
            if (in == null) {
                throw new IllegalStateException(
                        "META-INF/microprofile-config.properties of the web module is not on the class path");
            }
            properties.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public String getName() {
        return "lakehouse web module's microprofile-config.properties (golden tests)";
    }

    @Override
    public String getDefaultErrorMessage() {
        return properties.getProperty("mp.graphql.defaultErrorMessage");
    }

    @Override
    public boolean isPrintDataFetcherException() {
        return Boolean.parseBoolean(properties.getProperty("smallrye.graphql.printDataFetcherException", "false"));
    }

    @Override
    public Optional<List<String>> getShowErrorMessageList() {
        return list("mp.graphql.showErrorMessage");
    }

    @Override
    public Optional<List<String>> getHideErrorMessageList() {
        return list("mp.graphql.hideErrorMessage");
    }

    @Override
    public Optional<List<String>> getErrorExtensionFields() {
        return list("smallrye.graphql.errorExtensionFields");
    }

    @Override
    public Optional<Integer> getQueryDepthInstrumentation() {
        return integer("smallrye.graphql.instrumentation.queryDepth");
    }

    @Override
    public Optional<Integer> getQueryComplexityInstrumentation() {
        return integer("smallrye.graphql.instrumentation.queryComplexity");
    }

    @Override
    public Optional<Integer> getParserMaxTokens() {
        return integer("smallrye.graphql.parser.maxTokens");
    }

    @Override
    public boolean hasParserOptions() {
        return getParserMaxTokens().isPresent();
    }

    @Override
    public boolean isAllowGet() {
        return Boolean.parseBoolean(properties.getProperty("smallrye.graphql.allowGet", "false"));
    }

    @Override
    @SuppressWarnings("unchecked")
    public <T> T getConfigValue(String key, Class<T> type, T defaultValue) {
        String value = properties.getProperty(key);
        if (value == null) {
            return defaultValue;
        }
        if (type == Boolean.class || type == boolean.class) {
            return (T) Boolean.valueOf(value);
        }
        if (type == Integer.class || type == int.class) {
            return (T) Integer.valueOf(value);
        }
        if (type == String.class) {
            return (T) value;
        }
        throw new IllegalArgumentException("no conversion of " + key + " to " + type);
    }

    private Optional<List<String>> list(String key) {
        String value = properties.getProperty(key);
        return value == null
                ? Optional.empty()
                : Optional.of(Arrays.stream(value.split(",")).map(String::trim).toList());
    }

    private Optional<Integer> integer(String key) {
        String value = properties.getProperty(key);
        return value == null ? Optional.empty() : Optional.of(Integer.valueOf(value.trim()));
    }
}
