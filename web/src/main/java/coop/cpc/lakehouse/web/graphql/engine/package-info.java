/**
 * The plug-ins of the GraphQL engine (SmallRye GraphQL 2.17, bundled in the WAR) that the API's classes do not
 * see: its bean lookup service (the WAR's own BeanManager), the query limits (depth, complexity), the hygiene
 * instrumentations (strict {@code Int}, {@code auditChain}'s real cost, plain-word engine errors) and the audit of
 * the queries they refuse. Registered as the engine's services ({@code META-INF/services}); WildFly and Open
 * Liberty run the same WAR, this package included (Liberty with its own mpGraphQL feature off, docs/deployment.md).
 */
package coop.cpc.lakehouse.web.graphql.engine;
