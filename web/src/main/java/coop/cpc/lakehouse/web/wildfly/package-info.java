/**
 * WildFly-only glue for the SmallRye GraphQL servlet bundled in the WAR (Open Liberty provides
 * MicroProfile GraphQL itself and builds the WAR without this package).
 */
package coop.cpc.lakehouse.web.wildfly;
