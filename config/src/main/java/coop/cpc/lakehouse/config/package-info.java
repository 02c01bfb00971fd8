/** The lakehouse's configuration keys (declared once, typed, described) and where their values come from. */
package coop.cpc.lakehouse.config;
