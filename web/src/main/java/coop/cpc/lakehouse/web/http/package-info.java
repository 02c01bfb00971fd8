/**
 * HTTP around the servlets: security headers on every answer, plain error answers (status and reason only, never
 * the container's page), and in front of the GraphQL servlet only well-formed JSON GraphQL requests, every refusal
 * a GraphQL-shaped error.
 */
package coop.cpc.lakehouse.web.http;
