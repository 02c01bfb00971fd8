/** Order-preserving IEEE bit patterns for floats that are not exact decimals. */
package coop.cpc.lakehouse.columnar.encoding.floatbits;
