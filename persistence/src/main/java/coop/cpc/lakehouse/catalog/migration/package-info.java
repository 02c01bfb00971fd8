/** Schema lifecycle of the catalog: Flyway migrations at deployment start and their tested rollback. */
package coop.cpc.lakehouse.catalog.migration;
