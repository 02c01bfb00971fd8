/** What runs when the application is deployed, before anything serves requests. */
package coop.cpc.lakehouse.application.startup;
