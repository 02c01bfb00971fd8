/** MicroProfile Health checks (served by the server at /health on the management port). */
package coop.cpc.lakehouse.web.health;
