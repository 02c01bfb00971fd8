package coop.cpc.lakehouse.application.audit;

import coop.cpc.lakehouse.catalog.audit.AuditPurpose;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Set;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * What of the caller an audit entry may keep, by purpose: research, analytics and machine
 * learning keep neither actor nor address; data sync keeps the pseudonym and the address's first
 * octet (IPv4 /8, IPv6 /16); the others keep a keyed pseudonym of the actor and the address's
 * network (IPv4 /24, IPv6 /48). Addresses are parsed as literals (never resolved), any zone is
 * dropped, an IPv4-mapped IPv6 address counts as IPv4, and text that is not an address is kept as null.
 * Accountable entries (changes, refused purposes) keep the pseudonym and the network (IPv4 /24, IPv6 /48)
 * whatever the purpose, data sync included.
 */
final class Anonymizer {
    private static final Set<AuditPurpose> ANONYMOUS =
            Set.of(AuditPurpose.RESEARCH, AuditPurpose.ANALYTICS, AuditPurpose.MACHINE_LEARNING);

    private final SecretKeySpec key;

    Anonymizer(byte[] key) {
        this.key = new SecretKeySpec(key, "HmacSHA256");
    }

    /** The pseudonym an entry for this event keeps, or null. */
    String actor(AuditEvent event) {
        String user = event.caller() == null ? null : event.caller().name();
        return event.accountable() ? pseudonym(user, AuditPurpose.USER_VIEW) : pseudonym(user, event.purpose());
    }

    /**
     * The address an entry for this event keeps, or null: an accountable one keeps the network (IPv4 /24, IPv6 /48)
     * whatever its purpose, as it keeps the pseudonym; before, a change declared DATA_SYNC kept only the first octet,
     * less than the same change declared RESEARCH.
     */
    static String address(AuditEvent event) {
        return address(event.sourceAddress(), event.accountable() ? AuditPurpose.USER_VIEW : event.purpose());
    }

    /** HMAC-SHA256 of the user name with the installation's key: the same user, the same pseudonym; never the name. */
    String pseudonym(String user, AuditPurpose purpose) {
        if (user == null || ANONYMOUS.contains(purpose)) {
            return null;
        }
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            return HexFormat.of()
                    .formatHex(mac.doFinal(user.getBytes(StandardCharsets.UTF_8)))
                    .substring(0, 32);
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException(e);
        }
    }

    static String address(String address, AuditPurpose purpose) {
        if (address == null || ANONYMOUS.contains(purpose)) {
            return null;
        }
        return purpose == AuditPurpose.DATA_SYNC ? AddressPrefix.of(address, 8, 16) : AddressPrefix.of(address, 24, 48);
    }
}
