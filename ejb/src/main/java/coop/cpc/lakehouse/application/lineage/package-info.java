/** Lineage: which sources and assets feed which assets, through which jobs. */
package coop.cpc.lakehouse.application.lineage;
