/** Value mappings from chunks of typed values to integer streams and AV1 samples, with stable wire ids. */
package coop.cpc.lakehouse.columnar.encoding;
