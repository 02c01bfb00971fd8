package coop.cpc.lakehouse.columnar;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;

/** Schema JSON: {@code [{"name":..,"type":..,"nullable":true}]}. */
public final class SchemaJson {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private SchemaJson() {}

    public static Schema parse(String json) {
        JsonNode root;
        try {
            root = MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            throw new SchemaException("schema is not valid JSON: " + e.getOriginalMessage());
        }
        if (root == null || !root.isArray()) {
            throw new SchemaException("schema must be a JSON array of columns");
        }
        List<Column> columns = new ArrayList<>();
        for (int i = 0; i < root.size(); i++) {
            JsonNode c = root.get(i);
            String where = "schema column " + (i + 1);
            if (!c.isObject()) {
                throw new SchemaException(where + ": not an object");
            }
            JsonNode name = c.get("name");
            JsonNode type = c.get("type");
            JsonNode nullable = c.get("nullable");
            if (name == null || !name.isTextual()) {
                throw new SchemaException(where + ": \"name\" must be a string");
            }
            if (type == null || !type.isTextual()) {
                throw new SchemaException(where + " (" + name.asText() + "): \"type\" must be a string");
            }
            if (nullable != null && !nullable.isBoolean()) {
                throw new SchemaException(where + " (" + name.asText() + "): \"nullable\" must be true or false");
            }
            try {
                columns.add(new Column(
                        name.asText(), ColumnType.parse(type.asText()), nullable == null || nullable.asBoolean()));
            } catch (SchemaException e) {
                throw new SchemaException(where + " (" + name.asText() + "): " + e.getMessage());
            }
        }
        return new Schema(columns);
    }

    public static String format(Schema schema) {
        ArrayNode arr = MAPPER.createArrayNode();
        for (Column c : schema.columns()) {
            ObjectNode o = arr.addObject();
            o.put("name", c.name());
            o.put("type", c.type().toString());
            o.put("nullable", c.nullable());
        }
        return arr.toString();
    }
}
