package coop.cpc.lakehouse.application.audit;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks the parameter of an {@link Audited} method that names the resource the call is about when it is not a UUID
 * (a job execution's number): the entry's resource id is its value, whatever the call's outcome, a refused or failed
 * call included.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.PARAMETER)
public @interface AuditedId {}
