/**
 * The health and CRM adapters as application services: imports into their assets, research extracts,
 * journey and cohort analytics read segment by segment and stored as derived assets with lineage.
 * The rules themselves live in the plain-Java packages {@code coop.cpc.lakehouse.adapter.*}.
 */
package coop.cpc.lakehouse.application.adapter;
