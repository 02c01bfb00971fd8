/** HTTP in front of the GraphQL servlet: only well-formed JSON GraphQL requests reach it, and every refusal is a GraphQL-shaped error. */
package coop.cpc.lakehouse.web.http;
