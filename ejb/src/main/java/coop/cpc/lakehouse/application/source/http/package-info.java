/** Source kind: HTTP JSON APIs, read page by page and whole by every run (OVERWRITE). Settings, validation, reader. */
package coop.cpc.lakehouse.application.source.http;
