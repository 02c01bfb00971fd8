/**
 * The HTTP JSON API source: pages of JSON records fetched with the JDK HttpClient (offset, cursor
 * or Link-header pagination; bearer, basic or API-key auth by secret alias; timeouts, retries,
 * size limits) behind an SSRF guard that refuses internal addresses unless allow-listed.
 */
package coop.cpc.lakehouse.ingest.http;
