package coop.cpc.lakehouse.catalog.storage;

import java.util.UUID;

/** The ids of the catalogs of the storage tests. */
public final class TestCatalogs {
    /** The catalog of the server under test. */
    public static final UUID THIS = UUID.fromString("6f1c2a9e-0b7d-4e55-9a43-2c8d1f0e7b61");
    /** Another catalog, which may have marked the folder first. */
    public static final UUID OTHER = UUID.fromString("0d9e8f7a-1b2c-4d3e-8f40-5a6b7c8d9e0f");

    private TestCatalogs() {}
}
