/**
 * Who may do what: the roles, the one table of GraphQL operations and the roles allowed to run
 * them ({@link coop.cpc.lakehouse.application.security.OperationRoles}), the purposes each role may
 * declare ({@link coop.cpc.lakehouse.application.security.PurposePolicy}), which roles read the
 * rows of an asset of each classification ({@link coop.cpc.lakehouse.application.security.RowAccessPolicy}),
 * and the EJB that checks them against the container's caller ({@link coop.cpc.lakehouse.application.security.OperationGate}).
 */
package coop.cpc.lakehouse.application.security;
