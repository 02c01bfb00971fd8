/** Differences of order 0, 1 and 2 in wrapping arithmetic. */
package coop.cpc.lakehouse.columnar.encoding.delta;
