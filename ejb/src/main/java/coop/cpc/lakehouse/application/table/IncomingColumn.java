package coop.cpc.lakehouse.application.table;

/** A column of rows sent as text: its name and its type as written ({@code int64}, {@code decimal(8,2)}). */
public record IncomingColumn(String name, String type) {}
