/** Test support shared by the modules above sources (ejb, web) through sources' test-jar. */
package coop.cpc.lakehouse.testing;
