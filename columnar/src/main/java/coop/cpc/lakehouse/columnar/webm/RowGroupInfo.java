package coop.cpc.lakehouse.columnar.webm;

/** One row group: its rows and where its Cluster lies in the file. */
public record RowGroupInfo(int index, int rows, long firstRow, long clusterOffset, long clusterSize) {}
