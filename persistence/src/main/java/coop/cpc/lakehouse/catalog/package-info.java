/** The lakehouse catalog: entities and repository ports per aggregate, shared helpers. */
package coop.cpc.lakehouse.catalog;
