/** Asset snapshots: one per commit, the unit of isolation and time travel, and their repository port. */
package coop.cpc.lakehouse.catalog.snapshot;
