/** Pages rebuilt on demand from the page table, and the leaf-chain iteration of a tree. */
package coop.cpc.lakehouse.sled.tree;
