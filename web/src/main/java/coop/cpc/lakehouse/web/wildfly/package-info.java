/**
 * Glue for the SmallRye GraphQL 2.17 servlet bundled in the WAR: lookup service, limits, hygiene, refusal
 * audit. Named after WildFly, which ships no MicroProfile GraphQL and is why the WAR bundles SmallRye; Open
 * Liberty runs the same WAR, this package included, with its own mpGraphQL feature off (docs/deployment.md).
 */
package coop.cpc.lakehouse.web.wildfly;
