package dev.scry.planner.catalog;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The catalog's file format: one JSON document, written field by field so that the format stays
 * readable and does not change when a Java class does.
 */
final class CatalogCodec {
  static final int FORMAT_VERSION = 1;
  private static final ObjectMapper MAPPER =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private CatalogCodec() {}

  static byte[] encode(CatalogSnapshot snapshot) {
    ObjectNode root = MAPPER.createObjectNode();
    root.put("formatVersion", FORMAT_VERSION);
    ArrayNode schemas = root.putArray("schemas");
    for (CatalogSnapshot.SchemaEntry schema : snapshot.sortedSchemas()) {
      ObjectNode node = schemas.addObject();
      node.put("name", schema.name());
      ArrayNode tables = node.putArray("tables");
      snapshot.sortedTables(schema.name()).forEach(t -> tables.add(encodeTable(t)));
      List<ViewDefinition> views = snapshot.sortedViews(schema.name());
      if (!views.isEmpty()) {
        ArrayNode viewNodes = node.putArray("views");
        views.forEach(v -> viewNodes.add(encodeView(v)));
      }
    }
    ArrayNode models = root.putArray("models");
    for (CatalogSnapshot.ModelEntry model : snapshot.sortedModels()) {
      ObjectNode node = models.addObject();
      node.put("name", model.name());
      ArrayNode versions = node.putArray("versions");
      model.versions().forEach(v -> versions.add(encodeModelVersion(v)));
      if (!model.aliases().isEmpty()) {
        ObjectNode aliases = node.putObject("aliases");
        model.aliases().forEach(a -> aliases.put(a.name(), a.version()));
      }
    }
    try {
      return MAPPER.writeValueAsBytes(root);
    } catch (IOException e) {
      throw new IllegalStateException("Cannot encode the catalog", e);
    }
  }

  static CatalogSnapshot decode(byte[] json) throws IOException {
    JsonNode root = MAPPER.readTree(json);
    int version = root.path("formatVersion").asInt(-1);
    if (version != FORMAT_VERSION) {
      throw new IOException(
          "Unsupported catalog format version " + version + " (expected " + FORMAT_VERSION + ")");
    }
    CatalogSnapshot snapshot = new CatalogSnapshot(Map.of(), Map.of());
    for (JsonNode schema : root.path("schemas")) {
      Map<String, TableDefinition> tables = new LinkedHashMap<>();
      for (JsonNode table : schema.path("tables")) {
        TableDefinition definition = decodeTable(schema.path("name").asText(), table);
        tables.put(CatalogSnapshot.key(definition.name()), definition);
      }
      // Views came after format version 1's first tables: a catalog without them has none.
      Map<String, ViewDefinition> views = new LinkedHashMap<>();
      for (JsonNode view : schema.path("views")) {
        ViewDefinition definition = decodeView(schema.path("name").asText(), view);
        views.put(CatalogSnapshot.key(definition.name()), definition);
      }
      snapshot =
          snapshot.withSchema(
              new CatalogSnapshot.SchemaEntry(schema.path("name").asText(), tables, views));
    }
    for (JsonNode model : root.path("models")) {
      List<ModelVersion> versions = new ArrayList<>();
      for (JsonNode v : model.path("versions")) {
        versions.add(decodeModelVersion(model.path("name").asText(), v));
      }
      // Aliases came after format version 1's first models: a catalog without them has none.
      List<ModelAlias> aliases = new ArrayList<>();
      model
          .path("aliases")
          .fields()
          .forEachRemaining(e -> aliases.add(new ModelAlias(e.getKey(), e.getValue().asInt())));
      snapshot =
          snapshot.withModel(
              new CatalogSnapshot.ModelEntry(model.path("name").asText(), versions, aliases));
    }
    return snapshot;
  }

  private static ObjectNode encodeView(ViewDefinition view) {
    ObjectNode node = MAPPER.createObjectNode();
    node.put("name", view.name());
    node.put("sql", view.sql());
    node.put("resolvedIn", view.resolvedIn());
    node.set("columns", encodeColumns(view.columns()));
    return node;
  }

  private static ViewDefinition decodeView(String schema, JsonNode node) {
    return new ViewDefinition(
        schema,
        node.path("name").asText(),
        node.path("sql").asText(),
        node.path("resolvedIn").asText(schema),
        decodeColumns(node.path("columns")));
  }

  private static ArrayNode encodeColumns(List<ColumnDefinition> columns) {
    ArrayNode nodes = MAPPER.createArrayNode();
    for (ColumnDefinition column : columns) {
      ObjectNode c = nodes.addObject();
      c.put("name", column.name());
      c.set("type", encodeType(column.type()));
      c.put("nullable", column.nullable());
    }
    return nodes;
  }

  private static List<ColumnDefinition> decodeColumns(JsonNode nodes) {
    List<ColumnDefinition> columns = new ArrayList<>();
    for (JsonNode c : nodes) {
      columns.add(
          new ColumnDefinition(
              c.path("name").asText(),
              decodeType(c.path("type")),
              c.path("nullable").asBoolean(true)));
    }
    return columns;
  }

  private static ObjectNode encodeTable(TableDefinition table) {
    ObjectNode node = MAPPER.createObjectNode();
    node.put("name", table.name());
    node.put("format", table.format().name());
    node.put("location", table.location());
    node.put("external", table.external());
    ObjectNode options = node.putObject("options");
    table.options().entrySet().stream()
        .sorted(Map.Entry.comparingByKey())
        .forEach(e -> options.put(e.getKey(), e.getValue()));
    node.set("columns", encodeColumns(table.columns()));
    ArrayNode partitions = node.putArray("partitionColumns");
    table.partitionColumns().forEach(partitions::add);
    if (!table.dataFolders().isEmpty()) {
      ArrayNode folders = node.putArray("dataFolders");
      table.dataFolders().forEach(folders::add);
    }
    return node;
  }

  private static TableDefinition decodeTable(String schema, JsonNode node) {
    Map<String, String> options = new LinkedHashMap<>();
    node.path("options")
        .fields()
        .forEachRemaining(e -> options.put(e.getKey(), e.getValue().asText()));
    List<ColumnDefinition> columns = decodeColumns(node.path("columns"));
    List<String> partitions = new ArrayList<>();
    node.path("partitionColumns").forEach(p -> partitions.add(p.asText()));
    List<String> folders = new ArrayList<>();
    node.path("dataFolders").forEach(f -> folders.add(f.asText()));
    return new TableDefinition(
        schema,
        node.path("name").asText(),
        TableFormat.valueOf(node.path("format").asText()),
        node.path("location").asText(),
        options,
        columns,
        partitions,
        node.path("external").asBoolean(true),
        folders);
  }

  private static ObjectNode encodeType(ColumnType type) {
    ObjectNode node = MAPPER.createObjectNode();
    node.put("name", type.typeName());
    if (type.precision() >= 0) {
      node.put("precision", type.precision());
    }
    if (type.scale() >= 0) {
      node.put("scale", type.scale());
    }
    if (type.element() != null) {
      node.set("element", encodeType(type.element()));
    }
    return node;
  }

  private static ColumnType decodeType(JsonNode node) {
    ColumnType element = node.has("element") ? decodeType(node.get("element")) : null;
    return new ColumnType(
        node.path("name").asText(),
        node.path("precision").asInt(-1),
        node.path("scale").asInt(-1),
        element);
  }

  private static ObjectNode encodeModelVersion(ModelVersion v) {
    ObjectNode node = MAPPER.createObjectNode();
    node.put("version", v.version());
    node.put("source", v.sourceUri());
    node.put("location", v.location());
    node.put("sha256", v.sha256());
    node.put("batchSize", v.batchSize());
    node.put("description", v.description());
    node.put("createdAt", v.createdAt().toString());
    return node;
  }

  private static ModelVersion decodeModelVersion(String name, JsonNode node) {
    return new ModelVersion(
        name,
        node.path("version").asInt(),
        node.path("source").asText(),
        node.path("location").asText(),
        node.path("sha256").asText(),
        node.path("batchSize").asInt(0),
        node.path("description").asText(""),
        Instant.parse(node.path("createdAt").asText()));
  }
}
