/** Managing data assets: their names, schema, tags and classification. */
package coop.cpc.lakehouse.application.asset;
