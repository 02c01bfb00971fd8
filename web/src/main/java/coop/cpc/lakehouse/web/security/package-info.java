/** Web-layer pieces of authentication: the answer to a request refused before GraphQL. */
package coop.cpc.lakehouse.web.security;
