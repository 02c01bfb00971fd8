/** CDC offsets: the source position of each connector, stored with the changes it covers, and the repository port. */
package coop.cpc.lakehouse.catalog.cdc;
