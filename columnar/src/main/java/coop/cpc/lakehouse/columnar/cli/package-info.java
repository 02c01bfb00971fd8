/** The webm-columnar command-line tool (bin/webm-columnar). */
package coop.cpc.lakehouse.columnar.cli;
