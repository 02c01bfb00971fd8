package coop.cpc.lakehouse.it;

import java.io.File;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;

/** The real EAR built by the ear module, unchanged. */
final class Deployments {
    private Deployments() {}

    static EnterpriseArchive lakehouseEar() {
        File ear = new File(System.getProperty("lakehouse.it.dir", "target"), "lakehouse.ear");
        return ShrinkWrap.createFromZipFile(EnterpriseArchive.class, ear);
    }
}
