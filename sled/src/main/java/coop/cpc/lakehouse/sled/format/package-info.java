/** Decoders for sled 0.34's byte encodings: varints, {@code conf}, segment and message headers, nodes, links, Meta, zstd. */
package coop.cpc.lakehouse.sled.format;
