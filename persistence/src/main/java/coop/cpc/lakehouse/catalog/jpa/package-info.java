/** Adapters: the repository ports implemented with JPA (Hibernate ORM 6.6) on the "lakehouse" persistence unit. */
package coop.cpc.lakehouse.catalog.jpa;
