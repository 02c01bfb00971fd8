/** The audit trail: hash-chained, pseudonymized entries of who did what to which resource, and the repository port. */
package coop.cpc.lakehouse.catalog.audit;
