/** Data lineage: edges from a source (asset or external URI) to an asset, OpenLineage-shaped, and their repository port. */
package coop.cpc.lakehouse.catalog.lineage;
