package coop.cpc.lakehouse.config;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code lakehouse.json} in the seed's shape, {@code {"data_lakehouse": {"webm_storage_path": ...}}},
 * as a MicroProfile ConfigSource. Its ordinal (250) sits below environment variables (300) and
 * system properties (400), so both override the file.
 *
 * <p>The file is the one named by the system property {@value #FILE_PROPERTY} or the environment
 * variable {@value #FILE_ENV}; without either, {@code lakehouse.json} in the working directory if it
 * exists. A file that is named but missing, is not JSON, or holds an unknown key is refused, and so is a
 * {@code DATA_LAKEHOUSE_*} environment variable or {@code data_lakehouse.*} system property that names no key.
 */
public class JsonFileConfigSource extends MapConfigSource {
    public static final String FILE_PROPERTY = "lakehouse.config.file";
    public static final String FILE_ENV = "LAKEHOUSE_CONFIG_FILE";
    public static final String DEFAULT_FILE = "lakehouse.json";
    static final int ORDINAL = 250;

    private final String name;

    /**
     * The ServiceLoader constructor: reads the file the environment names. Inside the server this is where the
     * configuration is first read, so it also refuses environment variables and system properties that name no
     * key ({@link UnknownOverrides}), as {@link #read} refuses an unknown key in the file. The refusal is also
     * logged: the ServiceLoader wraps it in a ServiceConfigurationError ("Provider ... could not be
     * instantiated"), and a deployment failure shows that wrapper, not the reason.
     */
    public JsonFileConfigSource() {
        this(readThisProcessLoggingRefusal());
    }

    public JsonFileConfigSource(Optional<Path> file) {
        this(new Contents(file, file.map(JsonFileConfigSource::read).orElse(Map.of())));
    }

    private JsonFileConfigSource(Contents contents) {
        super(contents.values());
        this.name = "lakehouse.json:" + contents.file().map(Path::toString).orElse("(none)");
    }

    private record Contents(Optional<Path> file, Map<String, String> values) {}

    private static Contents readThisProcessLoggingRefusal() {
        try {
            Optional<Path> file = locate();
            Contents contents =
                    new Contents(file, file.map(JsonFileConfigSource::read).orElse(Map.of()));
            UnknownOverrides.refuseInThisProcess();
            return contents;
        } catch (InvalidConfigurationException e) {
            Logger.getLogger(JsonFileConfigSource.class.getName()).log(Level.SEVERE, e.getMessage());
            throw e;
        }
    }

    /** The file the environment names, or the default file if it exists. */
    public static Optional<Path> locate() {
        String named = System.getProperty(FILE_PROPERTY, System.getenv(FILE_ENV));
        if (named != null && !named.isBlank()) {
            Path path = Path.of(named);
            if (!Files.isRegularFile(path)) {
                throw new InvalidConfigurationException("Configuration file " + path.toAbsolutePath() + " (named by "
                        + FILE_PROPERTY + "/" + FILE_ENV + ") does not exist or is not a file");
            }
            return Optional.of(path);
        }
        Path fallback = Path.of(DEFAULT_FILE);
        return Files.isRegularFile(fallback) ? Optional.of(fallback) : Optional.empty();
    }

    /**
     * Refuses a field named twice in one object and anything after the first JSON value: Jackson would otherwise keep
     * the last of two values of a key (or the last of two {@code data_lakehouse} sections, dropping the whole first
     * one) and ignore a second object, so a key an operator set in one place was silently not in force.
     */
    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    private static final Pattern DUPLICATE = Pattern.compile("Duplicate field '([a-z_]{1,64})'.*", Pattern.DOTALL);

    static Map<String, String> read(Path file) {
        JsonNode root;
        try {
            root = JSON.readTree(Files.readString(file));
        } catch (JsonProcessingException e) {
            String where = e.getLocation() == null
                    ? ""
                    : " (line " + e.getLocation().getLineNr() + ", column "
                            + e.getLocation().getColumnNr() + ")";
            // Jackson's own text may quote the file's content (a password): only a key's name is taken from it.
            Matcher duplicate = DUPLICATE.matcher(String.valueOf(e.getOriginalMessage()));
            if (duplicate.matches()) {
                throw new InvalidConfigurationException("Configuration file " + file + " names '" + duplicate.group(1)
                        + "' twice in one object" + where + ": only one value can be in force, so say it once");
            }
            if (e instanceof MismatchedInputException
                    && String.valueOf(e.getOriginalMessage()).startsWith("Trailing token")) {
                throw new InvalidConfigurationException("Configuration file " + file
                        + " holds more than one JSON value" + where
                        + ": one object {\"" + LakehouseKey.SECTION + "\": {...}} is read, and nothing after it");
            }
            throw new InvalidConfigurationException("Configuration file " + file + " is not valid JSON" + where);
        } catch (IOException e) {
            throw new InvalidConfigurationException(
                    "Configuration file " + file + " cannot be read: " + e.getMessage(), e);
        }
        if (root == null || !root.isObject() || !root.path(LakehouseKey.SECTION).isObject()) {
            throw new InvalidConfigurationException(
                    "Configuration file " + file + " must hold an object {\"" + LakehouseKey.SECTION + "\": {...}}");
        }
        Map<String, String> values = new LinkedHashMap<>();
        Iterator<Map.Entry<String, JsonNode>> fields =
                root.get(LakehouseKey.SECTION).fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> field = fields.next();
            LakehouseKey key = LakehouseKey.byKey(field.getKey())
                    .orElseThrow(() -> new InvalidConfigurationException("Configuration file " + file + ": unknown key "
                            + LakehouseKey.SECTION + "." + field.getKey()));
            JsonNode value = field.getValue();
            if (value.isNull()) {
                continue;
            }
            if (!value.isValueNode()) {
                throw new InvalidConfigurationException("Configuration file " + file + ": " + key.propertyName()
                        + " must be " + key.type().description() + ", not a JSON "
                        + value.getNodeType().name().toLowerCase());
            }
            values.put(key.propertyName(), value.asText());
        }
        return Collections.unmodifiableMap(values);
    }

    @Override
    public String getName() {
        return name;
    }

    @Override
    public int getOrdinal() {
        return ORDINAL;
    }
}
