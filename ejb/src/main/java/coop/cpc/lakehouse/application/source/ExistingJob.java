package coop.cpc.lakehouse.application.source;

/** Another job of a kind, as a kind's clash check sees it: its name and its settings. */
public record ExistingJob<S extends SourceSettings>(String name, S settings) {}
