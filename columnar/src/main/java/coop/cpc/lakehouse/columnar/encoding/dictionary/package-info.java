/** Dictionaries of strings, bytes and integers. */
package coop.cpc.lakehouse.columnar.encoding.dictionary;
