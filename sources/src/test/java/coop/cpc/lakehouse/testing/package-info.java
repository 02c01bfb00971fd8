/** Test support shared by other modules (config, ejb, web) through sources' test-jar. */
package coop.cpc.lakehouse.testing;
