package coop.cpc.lakehouse.ingest.postgres;

/**
 * The precision and scale PostgreSQL packs into a numeric column's {@code atttypmod}:
 * {@code ((precision << 16) | (scale & 0x7ff)) + 4}, or -1 for an unconstrained numeric. Since
 * PostgreSQL 15 the scale may be negative ({@code numeric(5,-2)}) or above the precision
 * ({@code numeric(3,5)}): it is an 11-bit two's complement number (-1000 to 1000), as in
 * PostgreSQL's own {@code numeric_typmod_scale}.
 */
final class NumericTypmod {
    /** PostgreSQL's VARHDRSZ, added to every typmod of a variable-length type. */
    private static final int HEADER = 4;

    private NumericTypmod() {}

    /** The precision, or 0 for an unconstrained numeric (and for columns of other types, typmod -1). */
    static int precision(int typmod) {
        return typmod < HEADER ? 0 : ((typmod - HEADER) >> 16) & 0xffff;
    }

    /** The scale, signed; 0 for an unconstrained numeric. */
    static int scale(int typmod) {
        return typmod < HEADER ? 0 : (((typmod - HEADER) & 0x7ff) ^ 1024) - 1024;
    }
}
