/** The {@code db} log, blob files and snapshots, and the in-memory crash recovery that builds the page table. */
package coop.cpc.lakehouse.sled.log;
