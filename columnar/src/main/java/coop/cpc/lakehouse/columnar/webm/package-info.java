/** The WebM segment layout: SeekHead, Info, Tracks, Clusters, Cues, Tags, CRC-32s and the chunk index. */
package coop.cpc.lakehouse.columnar.webm;
