/**
 * The application's {@code JobRunner} port on JBeret: what JBeret does differently from the standard
 * {@code JobOperator} part in {@code batch.operator}, and the executions a server stop interrupted (read
 * from JBeret's own tables). Packaged only in the batch module's default (WildFly) jar.
 */
package coop.cpc.lakehouse.batch.jberet;
