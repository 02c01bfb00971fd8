/** The data asset aggregate: a named, schema'd table of the lakehouse, and its repository port. */
package coop.cpc.lakehouse.catalog.asset;
