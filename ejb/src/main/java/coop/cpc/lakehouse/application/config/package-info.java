/** Makes the validated configuration available to the application's beans. */
package coop.cpc.lakehouse.application.config;
