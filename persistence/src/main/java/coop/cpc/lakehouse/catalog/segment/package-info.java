/** WebM columnar segments: one row per segment file with its snapshot range and statistics, and the repository port. */
package coop.cpc.lakehouse.catalog.segment;
