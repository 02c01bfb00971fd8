/** Tells the audit trail who calls over HTTP, from where and why. */
package coop.cpc.lakehouse.web.audit;
