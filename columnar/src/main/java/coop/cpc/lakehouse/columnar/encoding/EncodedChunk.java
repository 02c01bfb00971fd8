package coop.cpc.lakehouse.columnar.encoding;

import java.util.List;

/** A chunk mapped to transformed streams, before the track's bit depth is known. */
public record EncodedChunk(
        int rows,
        int nulls,
        Encoding encoding,
        int param,
        List<TransformedStream> streams,
        Object min,
        Object max,
        List<Object> valueSet) {}
