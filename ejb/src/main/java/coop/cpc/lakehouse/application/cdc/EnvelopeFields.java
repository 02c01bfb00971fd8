package coop.cpc.lakehouse.application.cdc;

import java.util.IdentityHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import org.apache.kafka.connect.data.Field;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.Struct;

/**
 * The fields of one schema of Debezium's change envelopes that the consumer reads, found once per schema instead of
 * by name in every change (a look-up by name hashes the name and searches the schema's fields; a change needs about
 * ten of them). A stream's changes share a few envelope schemas, one per captured table and version. A field the
 * schema lacks is null here; one of another type than Debezium gives it is read by name, which refuses it as before.
 */
record EnvelopeFields(Field op, Field source, Field before, Field after) {
    /** Schemas of one consumer, kept while they are few (a stream of many tables or schema changes starts over). */
    static final class Cache<T> {
        private static final int KEPT = 256;
        private final Map<Schema, T> bySchema = new IdentityHashMap<>();
        private final Function<Schema, T> of;
        /** The last schema asked for and its fields: a run of changes shares one, given without a look-up. */
        private Schema lastSchema;

        private T last;

        Cache(Function<Schema, T> of) {
            this.of = of;
        }

        T of(Schema schema) {
            if (schema == lastSchema && last != null) {
                return last;
            }
            T found = bySchema.get(schema);
            if (found == null) {
                if (bySchema.size() >= KEPT) {
                    bySchema.clear();
                }
                found = of.apply(schema);
                bySchema.put(schema, found);
            }
            lastSchema = schema;
            last = found;
            return found;
        }
    }

    static EnvelopeFields of(Schema envelope) {
        return new EnvelopeFields(
                envelope.field("op"), envelope.field("source"), envelope.field("before"), envelope.field("after"));
    }

    /** The change's operation ({@code c}, {@code u}, {@code d}, {@code r}, {@code t}); the envelope has an op field. */
    String op(Struct envelope) {
        return op.schema().type() == Schema.Type.STRING ? (String) envelope.get(op) : envelope.getString("op");
    }

    /** The change's source block, or null. */
    Struct source(Struct envelope) {
        return source != null && source.schema().type() == Schema.Type.STRUCT
                ? (Struct) envelope.get(source)
                : envelope.getStruct("source");
    }

    /** The row before the change, or null (also when the envelope has no such field). */
    Struct before(Struct envelope) {
        return struct(envelope, before, "before");
    }

    /** The row after the change, or null (also when the envelope has no such field). */
    Struct after(Struct envelope) {
        return struct(envelope, after, "after");
    }

    private static Struct struct(Struct envelope, Field field, String name) {
        if (field == null) {
            return null;
        }
        return field.schema().type() == Schema.Type.STRUCT ? (Struct) envelope.get(field) : envelope.getStruct(name);
    }

    /**
     * The last {@code schema.table} name a consumer built, given again while its parts stay the same: a batch's
     * changes mostly come from one table, and a new string per change would be built, hashed and compared anew.
     */
    static final class QualifiedName {
        private String schema;
        private String table;
        private String name;

        String of(String schema, String table) {
            if (name == null || !Objects.equals(table, this.table) || !Objects.equals(schema, this.schema)) {
                this.schema = schema;
                this.table = table;
                this.name = schema + "." + table;
            }
            return name;
        }
    }

    /** The fields of a source block's schema that the consumer reads. */
    record SourceFields(Field snapshot, Field schema, Field table) {
        static SourceFields of(Schema source) {
            return new SourceFields(source.field("snapshot"), source.field("schema"), source.field("table"));
        }

        /** Debezium's snapshot marker ({@code true}, {@code last}, {@code incremental}, …), or null. */
        String snapshot(Struct source) {
            if (snapshot == null) {
                return null;
            }
            return snapshot.schema().type() == Schema.Type.STRING
                    ? (String) source.get(snapshot)
                    : source.getString("snapshot");
        }

        /** The captured table as {@code schema.table}, the same string as the last one when its parts are alike. */
        String table(Struct source, QualifiedName last) {
            return last.of(string(source, schema, "schema"), string(source, table, "table"));
        }

        private static String string(Struct source, Field field, String name) {
            return field != null && field.schema().type() == Schema.Type.STRING
                    ? (String) source.get(field)
                    : source.getString(name);
        }
    }
}
