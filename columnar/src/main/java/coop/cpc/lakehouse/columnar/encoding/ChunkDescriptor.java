package coop.cpc.lakehouse.columnar.encoding;

import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * One chunk's entry in the chunk index (section 6): counts, encoding, streams and statistics.
 * min and max are null when the chunk has no statistics.
 */
public record ChunkDescriptor(
    int rows, int nulls, Encoding encoding, int param, int sampleCount,
    List<StreamDescriptor> streams, Object min, Object max) {

  public ChunkDescriptor {
    streams = List.copyOf(streams);
  }

  public boolean hasStats() {
    return min != null && max != null;
  }

  /** The mapping chain as LAKEHOUSE_MAPPINGS shows it, e.g. {@code decimal_scaled(1):delta_zigzag}. */
  public String mappingLabel() {
    String enc = encoding.name().toLowerCase(Locale.ROOT);
    if (encoding == Encoding.DECIMAL_SCALED) {
      enc += "(" + param + ")";
    } else if (param == 1 && (encoding == Encoding.DICTIONARY || encoding == Encoding.LENGTH_BYTES)) {
      enc += "(by_position)";
    }
    return enc + ":" + streams.stream().map(s -> s.transform().label()).collect(Collectors.joining(","));
  }
}
