/** Application metrics (Micrometer, served by the server in Prometheus format) and the JMX MBeans of the lakehouse. */
package coop.cpc.lakehouse.application.observability;
