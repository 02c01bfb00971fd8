/** The asset service's implementation: load, call the domain, store. */
package coop.cpc.lakehouse.application.asset.internal;
