package coop.cpc.lakehouse.application.observability;

/** JMX {@code coop.cpc.lakehouse:type=Audit}: size of the trail and the state of its hash chain. */
public interface AuditMXBean {

    long getEntries();

    /** The result of the last verification through this MBean; null until verifyChain ran. */
    Boolean getChainIntact();

    /** Recomputes the hash chain (audited, as the auditChain query) and says where it breaks, if it does. */
    String verifyChain();
}
