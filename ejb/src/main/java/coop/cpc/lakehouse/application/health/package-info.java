/** MicroProfile Health checks of the application. */
package coop.cpc.lakehouse.application.health;
