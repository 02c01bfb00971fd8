/** The GraphQL API's types: records the API exposes, kept apart from the domain's entities. */
package coop.cpc.lakehouse.web.graphql.dto;
