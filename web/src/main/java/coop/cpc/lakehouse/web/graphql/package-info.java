/**
 * The MicroProfile GraphQL API: one thin {@code @GraphQLApi} per aggregate, delegating to the
 * application services. Uses only MicroProfile GraphQL annotations, so the WAR also runs on Open Liberty.
 */
package coop.cpc.lakehouse.web.graphql;
