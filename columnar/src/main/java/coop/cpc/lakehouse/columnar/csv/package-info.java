/** RFC 4180 CSV in and out for the CLI, with line and column in every error. */
package coop.cpc.lakehouse.columnar.csv;
