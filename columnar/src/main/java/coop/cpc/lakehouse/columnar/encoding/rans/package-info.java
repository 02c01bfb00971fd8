/** Static rANS coding of dictionary codes: the RANS_DICTIONARY encoding of format version 4 (section 5.1). */
package coop.cpc.lakehouse.columnar.encoding.rans;
