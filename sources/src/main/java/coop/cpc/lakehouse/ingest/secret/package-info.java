/**
 * Where a secret may be sent: each secret alias is bound to the HTTP URL prefixes, hosts and
 * PostgreSQL databases the operator names, and a source refuses to send it anywhere else.
 */
package coop.cpc.lakehouse.ingest.secret;
