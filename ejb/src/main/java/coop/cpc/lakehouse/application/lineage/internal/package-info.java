/** The lineage service's implementation: a pure breadth-first walk over the lineage edges, and the bean that feeds it. */
package coop.cpc.lakehouse.application.lineage.internal;
