/**
 * The application's {@code JobRunner} port on JBeret: start, stop, restart, execution state and
 * metrics, and the executions a server stop interrupted (read from JBeret's own tables).
 */
package coop.cpc.lakehouse.batch.jberet;
