/** EBML (RFC 8794) element ids, writer and strict reader. */
package coop.cpc.lakehouse.columnar.ebml;
