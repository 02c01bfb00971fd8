/** Ingestion job schedules: checking and reading INTERVAL and CRON expressions, and the EJB timers that run jobs. */
package coop.cpc.lakehouse.application.job.schedule;
