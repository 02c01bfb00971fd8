/** Source kind: Drop folders of CSV / NDJSON / JSON files, claimed file by file (APPEND). Settings, validation, reader. */
package coop.cpc.lakehouse.application.source.files;
