/**
 * The application's {@code JobRunner} port on Open Liberty's Jakarta Batch runtime: what Liberty does
 * differently from the standard {@code JobOperator} part in {@code batch.operator}, and the executions
 * a server stop interrupted read from Liberty's own JDBC job repository ({@code server-config/src/main/liberty/server.xml}),
 * and the application's Micrometer registry, handed to Liberty's {@code /metrics} through MicroProfile Metrics. Packaged
 * only in the batch module's {@code liberty} jar, which leaves the JBeret adapters out (docs/deployment.md).
 */
package coop.cpc.lakehouse.batch.liberty;
