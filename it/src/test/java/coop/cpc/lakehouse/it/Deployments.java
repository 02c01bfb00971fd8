package coop.cpc.lakehouse.it;

import java.io.File;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;

/** The real EAR built by the ear module (or the liberty module), unchanged. */
final class Deployments {
    private Deployments() {}

    static EnterpriseArchive lakehouseEar() {
        // lakehouse-liberty.ear when the ITs run on Open Liberty (it/pom.xml, profile liberty-it).
        File ear = new File(
                System.getProperty("lakehouse.it.dir", "target"),
                System.getProperty("lakehouse.it.ear", "lakehouse.ear"));
        return ShrinkWrap.createFromZipFile(EnterpriseArchive.class, ear);
    }
}
