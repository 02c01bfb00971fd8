/** The bytes of strings and byte arrays as one stream, value by value or position by position. */
package coop.cpc.lakehouse.columnar.encoding.bytes;
