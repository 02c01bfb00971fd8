/**
 * The application's {@code JobRunner} and {@code MaintenanceJobs} ports on Open Liberty's Jakarta
 * Batch runtime: the standard {@code JobOperator}, and the executions a server stop interrupted read
 * from Liberty's own JDBC job repository ({@code server-config/src/main/liberty/server.xml}). Packaged
 * only in the batch module's {@code liberty} jar, which leaves the JBeret adapters out (docs/deployment.md).
 */
package coop.cpc.lakehouse.batch.liberty;
