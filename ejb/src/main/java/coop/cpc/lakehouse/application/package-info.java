/**
 * Application services: the one layer every read and change of the lakehouse passes. Inbound
 * adapters (GraphQL, batch jobs, CDC) call these interfaces; implementations live in
 * {@code internal} sub-packages.
 */
package coop.cpc.lakehouse.application;
