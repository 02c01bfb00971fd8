/** Reading the catalog's ingestion jobs (creating and running them comes with ingestion). */
package coop.cpc.lakehouse.application.job;
