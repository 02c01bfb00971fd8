/**
 * The launcher for the embedded defaults: provisions WildFly from the Maven Central distribution,
 * starts an embedded PostgreSQL when no {@code postgresql_connection} is configured, deploys the
 * EAR and stops everything on Ctrl-C.
 */
package coop.cpc.lakehouse.launcher;
