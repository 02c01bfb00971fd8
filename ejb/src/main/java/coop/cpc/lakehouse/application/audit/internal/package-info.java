/** The audit service's implementation: searches, exports and the chain check of the audit trail. */
package coop.cpc.lakehouse.application.audit.internal;
