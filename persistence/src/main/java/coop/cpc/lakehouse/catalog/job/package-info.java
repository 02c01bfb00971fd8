/** The ingestion job aggregate: a configured source feeding an asset, its run state, and its repository port. */
package coop.cpc.lakehouse.catalog.job;
