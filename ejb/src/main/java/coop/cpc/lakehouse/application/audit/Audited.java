package coop.cpc.lakehouse.application.audit;

import coop.cpc.lakehouse.catalog.audit.AuditAction;
import jakarta.enterprise.util.Nonbinding;
import jakarta.interceptor.InterceptorBinding;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/** Records each call of the method in the audit trail (AuditInterceptor). */
@InterceptorBinding
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.METHOD, ElementType.TYPE})
public @interface Audited {

    @Nonbinding
    AuditAction action() default AuditAction.READ;

    /** What kind of resource the call is about: asset, ingestion_job, table. */
    @Nonbinding
    String resource() default "";
}
