package coop.cpc.lakehouse.ingest.files;

import coop.cpc.lakehouse.ingest.record.RecordConverter;
import coop.cpc.lakehouse.ingest.record.RecordRejectedException;

/** One record of a file, not yet converted, with where it was. */
interface SourceRecord {

    Object[] convert(RecordConverter converter) throws RecordRejectedException;

    /** For a rejected record: record number, line, column. */
    String position();
}
