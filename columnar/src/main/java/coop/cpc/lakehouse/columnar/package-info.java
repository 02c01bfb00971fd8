/** WebM columnar segments: the entry point {@link coop.cpc.lakehouse.columnar.WebmColumnar}, schema and value types (docs/format/webm-columnar.md). */
package coop.cpc.lakehouse.columnar;
