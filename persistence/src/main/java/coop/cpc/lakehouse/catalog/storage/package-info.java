/**
 * Which catalog a segment folder belongs to: the catalog's id, the folder's marker file naming it, and the rules
 * that decide whether this server may write and delete there.
 */
package coop.cpc.lakehouse.catalog.storage;
