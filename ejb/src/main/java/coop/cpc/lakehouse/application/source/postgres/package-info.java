/** Source kind: PostgreSQL tables read incrementally by key (APPEND). Settings, validation, reader. */
package coop.cpc.lakehouse.application.source.postgres;
