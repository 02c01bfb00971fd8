package coop.cpc.lakehouse.catalog.cdc;

import java.util.List;
import java.util.Optional;

/** Port: the stored CDC offsets. Runs inside the caller's transaction, the one that stores the changes. */
public interface CdcOffsetRepository {

    Optional<CdcOffset> find(String connectorName);

    List<CdcOffset> findAll();

    void add(CdcOffset offset);

    void remove(CdcOffset offset);
}
