/**
 * Research de-identification of health data, plain Java: HIPAA Safe Harbor rules per identifier kind,
 * ZIP3 and age bands, k-anonymity by generalization then suppression, and the independent check an
 * extract must pass before it is published.
 */
package coop.cpc.lakehouse.adapter.health;
