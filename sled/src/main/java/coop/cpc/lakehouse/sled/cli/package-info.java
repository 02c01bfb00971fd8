/** The {@code sled-dump} command-line tool ({@code bin/sled-dump}). */
package coop.cpc.lakehouse.sled.cli;
