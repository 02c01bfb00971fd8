/**
 * CRM analytics, plain Java: customer journeys (ordered interactions, transitions, paths, funnels,
 * conversion) and cohort retention, computed in one pass over interactions sorted by customer, with
 * an external sort that spills to disk so memory does not grow with the data.
 */
package coop.cpc.lakehouse.adapter.crm;
