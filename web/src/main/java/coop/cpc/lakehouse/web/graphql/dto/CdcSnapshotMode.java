package coop.cpc.lakehouse.web.graphql.dto;

import org.eclipse.microprofile.graphql.Enum;

@Enum("CdcSnapshotMode")
public enum CdcSnapshotMode {
    INITIAL,
    NO_DATA
}
