package coop.cpc.lakehouse.application.source.sled;

import coop.cpc.lakehouse.application.InvalidInputException;
import coop.cpc.lakehouse.application.Names;
import coop.cpc.lakehouse.application.asset.AssetSchema;
import coop.cpc.lakehouse.application.source.LocalSourcePaths;
import coop.cpc.lakehouse.application.source.OpenRequest;
import coop.cpc.lakehouse.application.source.SourceEnvironment;
import coop.cpc.lakehouse.application.source.SourceKind;
import coop.cpc.lakehouse.application.source.SourceReader;
import coop.cpc.lakehouse.catalog.job.SourceType;
import coop.cpc.lakehouse.catalog.snapshot.SnapshotOperation;
import coop.cpc.lakehouse.ingest.sled.SledValueFormat;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.List;

/**
 * sled databases, read whole by every run, each tree into its own asset: their runs OVERWRITE,
 * and time travel keeps the earlier extracts.
 */
public final class SledKind implements SourceKind<SledSettings> {
    private static final int MAX_TREES = 1000;

    @Override
    public SourceType type() {
        return SourceType.SLED;
    }

    @Override
    public Class<SledSettings> settingsType() {
        return SledSettings.class;
    }

    @Override
    public String field() {
        return "sled";
    }

    @Override
    public SnapshotOperation snapshotOperation() {
        return SnapshotOperation.OVERWRITE;
    }

    @Override
    public boolean feedsTargetAsset() {
        return false;
    }

    @Override
    public String namespaceWritten(SledSettings settings) {
        return settings.targetNamespace();
    }

    /** One asset per tree, named {@code <assetPrefix>_<tree>}: any asset of the prefix may be written. */
    @Override
    public boolean mayWrite(SledSettings settings, String assetName) {
        return settings.assetPrefix() != null && assetName.startsWith(settings.assetPrefix() + "_");
    }

    /** The database, its trees and the assets they feed. */
    @Override
    public Object sourceIdentity(SledSettings settings) {
        return java.util.Arrays.asList(
                settings.path(),
                settings.trees(), // in order: a restart's checkpoint names a tree and goes on with the ones after it
                settings.targetNamespace(),
                settings.assetPrefix());
    }

    @Override
    public void validate(SledSettings s, SourceEnvironment environment) throws InvalidInputException {
        Path folder = LocalSourcePaths.requireLocalSourceFolder("sled.path", s.path(), environment.settings());
        LocalSourcePaths.requireNoLinks("sled.path", s.path(), List.of("conf", "db", "blobs"));
        if (!Files.isRegularFile(folder.resolve("conf"), LinkOption.NOFOLLOW_LINKS)
                || !Files.isRegularFile(folder.resolve("db"), LinkOption.NOFOLLOW_LINKS)) {
            throw new InvalidInputException(
                    "sled.path " + s.path() + " is not a sled database folder (no conf and db files)");
        }
        Names.require("sled.targetNamespace", s.targetNamespace());
        Names.require("sled.assetPrefix", s.assetPrefix());
        if (s.trees().size() > MAX_TREES) {
            throw new InvalidInputException("sled.trees lists more than " + MAX_TREES + " trees");
        }
        if (s.valueFormat() == SledValueFormat.JSON) {
            if (s.valueColumns().isEmpty()) {
                throw new InvalidInputException("sled.valueColumns must list the JSON fields when valueFormat is JSON");
            }
            AssetSchema.of(s.valueColumns());
            if (s.valueColumns().stream().anyMatch(c -> c.name().equals("key"))) {
                throw new InvalidInputException(
                        "sled.valueColumns must not name a column 'key': it holds the entry's key");
            }
        } else if (!s.valueColumns().isEmpty()) {
            throw new InvalidInputException("sled.valueColumns is only for valueFormat JSON");
        }
    }

    @Override
    public SourceReader open(SledSettings settings, OpenRequest request) throws Exception {
        return SledReader.open(settings, request.environment().settings(), request.assets(), request.checkpoint());
    }
}
