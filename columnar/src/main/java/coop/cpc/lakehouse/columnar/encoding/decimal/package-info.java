/** Exact-decimal detection: floating point values as scaled integers. */
package coop.cpc.lakehouse.columnar.encoding.decimal;
