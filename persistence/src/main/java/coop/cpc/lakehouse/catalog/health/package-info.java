/** MicroProfile Health check of the catalog database. */
package coop.cpc.lakehouse.catalog.health;
