package coop.cpc.lakehouse.application.source.registry;

import coop.cpc.lakehouse.application.FreeText;
import coop.cpc.lakehouse.application.InvalidInputException;
import coop.cpc.lakehouse.application.source.SourceEnvironment;
import coop.cpc.lakehouse.application.source.SourceKind;
import coop.cpc.lakehouse.application.source.SourceSettings;
import coop.cpc.lakehouse.application.source.files.FileDropKind;
import coop.cpc.lakehouse.application.source.http.HttpApiKind;
import coop.cpc.lakehouse.application.source.postgres.PostgresTableKind;
import coop.cpc.lakehouse.application.source.sled.SledKind;
import coop.cpc.lakehouse.catalog.job.SourceType;
import java.util.List;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The registry of source kinds: adding a kind is its package and one line in {@link #ALL}. Every
 * question about a job's source goes through the kind this registry finds for its settings.
 */
public final class SourceKinds {
    private static final Logger LOG = Logger.getLogger(SourceKinds.class.getName());

    /** Every kind a job can read, in the order the API lists their fields. */
    public static final List<SourceKind<?>> ALL =
            List.of(new PostgresTableKind(), new SledKind(), new HttpApiKind(), new FileDropKind());

    /**
     * The longest source definition stored, as JSON: far above any real one (a sled job's 1,000 trees and 1,024 value
     * columns fit), and what keeps a job listing's size bounded, since each job's definition is stored and listed
     * with it. Without it a text setting (a JSON pointer, a parameter or header name, a tree name) could take the
     * whole request.
     */
    public static final int MAX_SETTINGS_CHARS = 256 * 1024;

    private SourceKinds() {}

    /** The kind of these settings. */
    @SuppressWarnings("unchecked")
    public static <S extends SourceSettings> SourceKind<S> of(S settings) {
        for (SourceKind<?> kind : ALL) {
            if (kind.settingsType() == settings.getClass()) {
                return (SourceKind<S>) kind;
            }
        }
        throw new IllegalArgumentException(
                "no source kind is registered for " + settings.getClass().getSimpleName());
    }

    public static Optional<SourceKind<?>> of(SourceType type) {
        return ALL.stream().filter(kind -> kind.type() == type).findFirst();
    }

    /** The GraphQL fields of the kinds, for messages: {@code postgresTable, sled, httpApi, fileDrop}. */
    public static String fields() {
        return String.join(", ", ALL.stream().map(SourceKind::field).toList());
    }

    /**
     * Validates settings with their kind; whatever a check did not expect (a NUL in a path, a missing
     * setting) is still the caller's input, refused naming the source, never an internal error.
     */
    public static <S extends SourceSettings> void validate(S settings, SourceEnvironment environment)
            throws InvalidInputException {
        SourceKind<S> kind = of(settings);
        String json = SourceSettingsJson.write(settings);
        if (json.length() > MAX_SETTINGS_CHARS) {
            throw new InvalidInputException(kind.field() + " settings are " + json.length()
                    + " characters as stored (JSON), more than " + MAX_SETTINGS_CHARS + "; a text setting is too long");
        }
        try {
            kind.validate(settings, environment);
        } catch (RuntimeException e) {
            LOG.log(Level.FINE, "Refused a source definition a check did not expect", e);
            throw new InvalidInputException(kind.field() + " is not a valid source definition: check its settings");
        }
        if (json.contains("\\u0000")) {
            throw new InvalidInputException(kind.field() + " settings must not contain NUL characters");
        }
        FreeText.require(kind.field() + " settings", json);
    }
}
