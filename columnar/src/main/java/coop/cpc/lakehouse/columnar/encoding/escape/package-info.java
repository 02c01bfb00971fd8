/** Residuals wider than the track's bit depth as escapes plus limb planes. */
package coop.cpc.lakehouse.columnar.encoding.escape;
