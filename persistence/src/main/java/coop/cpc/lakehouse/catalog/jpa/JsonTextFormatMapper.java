package coop.cpc.lakehouse.catalog.jpa;

import org.hibernate.type.descriptor.WrapperOptions;
import org.hibernate.type.descriptor.java.JavaType;
import org.hibernate.type.format.FormatMapper;

/**
 * JSON "format mapper" of the persistence unit (hibernate.type.json_format_mapper). The catalog
 * maps every jsonb column to a String holding the JSON text, so no object mapping is needed:
 * this passes text through unchanged. Naming it explicitly keeps Hibernate from picking Jackson
 * or JSON-B from whatever the class path offers (JSON-B's API without a provider fails startup,
 * and which one WildFly exposes to an EAR differs between versions).
 */
public final class JsonTextFormatMapper implements FormatMapper {

    @Override
    public <T> T fromString(CharSequence json, JavaType<T> javaType, WrapperOptions options) {
        if (json == null) {
            return null;
        }
        return javaType.getJavaTypeClass().cast(requireText(javaType).cast(json.toString()));
    }

    @Override
    public <T> String toString(T value, JavaType<T> javaType, WrapperOptions options) {
        if (value == null) {
            return null;
        }
        requireText(javaType);
        return value.toString();
    }

    private static Class<?> requireText(JavaType<?> javaType) {
        Class<?> type = javaType.getJavaTypeClass();
        if (type != String.class && type != Object.class) {
            throw new IllegalArgumentException("jsonb columns of the catalog map to String, not " + type.getName());
        }
        return String.class;
    }
}
