/** Frame of reference: values minus the chunk minimum. */
package coop.cpc.lakehouse.columnar.encoding.forref;
