/**
 * The PostgreSQL table source: reads a table (or some of its columns) with
 * {@code COPY (SELECT ...) TO STDOUT} through pgjdbc's CopyManager, in primary-key order so a
 * restarted job resumes after the last committed key. {@link PostgresRowReader} pulls one row at a
 * time and can stop mid-table, leaving the connection usable. Identifiers are validated and
 * quoted; key values are quoted by the server.
 */
package coop.cpc.lakehouse.ingest.postgres;
