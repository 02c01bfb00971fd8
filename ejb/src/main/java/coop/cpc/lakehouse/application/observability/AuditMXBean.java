package coop.cpc.lakehouse.application.observability;

/** JMX {@code coop.cpc.lakehouse:type=Audit}: size of the trail and the state of its hash chain. */
public interface AuditMXBean {

    long getEntries();

    /** The result of the last verification through this MBean; null until verifyChain ran. */
    Boolean getChainIntact();

    /** How many entries did not verify in the last verification through this MBean; null until verifyChain ran. */
    Long getBrokenEntries();

    /**
     * Recomputes the whole hash chain (audited, as the auditChain query) and says where it breaks, if it does: every
     * broken entry counted, the first {@value coop.cpc.lakehouse.application.audit.AuditVerification#LISTED_BROKEN_ENTRIES}
     * named.
     */
    String verifyChain();
}
