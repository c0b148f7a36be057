package dev.scry.planner.catalog;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * An immutable state of the catalog: schemas with their tables, and models with their versions. Names
 * are looked up case-insensitively and keep the case they were created with. Every change returns a new
 * snapshot, so readers never see a half-applied change.
 */
public record CatalogSnapshot(Map<String, SchemaEntry> schemas, Map<String, ModelEntry> models) {
  public static final String DEFAULT_SCHEMA = "default";

  /**
   * A schema with its tables and views, each keyed by lower-case name; a name is a table or a view,
   * never both.
   */
  public record SchemaEntry(
      String name, Map<String, TableDefinition> tables, Map<String, ViewDefinition> views) {
    public SchemaEntry {
      tables = Map.copyOf(tables);
      views = Map.copyOf(views);
    }

    public SchemaEntry(String name, Map<String, TableDefinition> tables) {
      this(name, tables, Map.of());
    }

    SchemaEntry withTables(Map<String, TableDefinition> next) {
      return new SchemaEntry(name, next, views);
    }

    SchemaEntry withViews(Map<String, ViewDefinition> next) {
      return new SchemaEntry(name, tables, next);
    }

    boolean isEmpty() {
      return tables.isEmpty() && views.isEmpty();
    }
  }

  /**
   * A model, its versions oldest first, and its aliases sorted by name (each naming one of the
   * versions).
   */
  public record ModelEntry(String name, List<ModelVersion> versions, List<ModelAlias> aliases) {
    public ModelEntry {
      versions = List.copyOf(versions);
      List<ModelAlias> sorted = new ArrayList<>(aliases);
      sorted.sort(Comparator.comparing(ModelAlias::key));
      aliases = List.copyOf(sorted);
    }

    public ModelEntry(String name, List<ModelVersion> versions) {
      this(name, versions, List.of());
    }

    public Optional<ModelAlias> alias(String alias) {
      String key = ModelAlias.key(alias);
      return aliases.stream().filter(a -> a.key().equals(key)).findFirst();
    }

    /** The names of the aliases that point at {@code version}, sorted. */
    public List<String> aliasesOf(int version) {
      return aliases.stream().filter(a -> a.version() == version).map(ModelAlias::name).toList();
    }

    /** This model with {@code alias} set, replacing an alias of the same name. */
    public ModelEntry withAlias(ModelAlias alias) {
      List<ModelAlias> next = new ArrayList<>(withoutAlias(alias.name()).aliases);
      next.add(alias);
      return new ModelEntry(name, versions, next);
    }

    public ModelEntry withoutAlias(String alias) {
      String key = ModelAlias.key(alias);
      return new ModelEntry(
          name, versions, aliases.stream().filter(a -> !a.key().equals(key)).toList());
    }

    public ModelVersion latest() {
      return versions.get(versions.size() - 1);
    }

    public Optional<ModelVersion> version(int number) {
      return versions.stream().filter(v -> v.version() == number).findFirst();
    }
  }

  public CatalogSnapshot {
    schemas = Map.copyOf(schemas);
    models = Map.copyOf(models);
  }

  public static CatalogSnapshot empty() {
    return new CatalogSnapshot(
        Map.of(key(DEFAULT_SCHEMA), new SchemaEntry(DEFAULT_SCHEMA, Map.of())), Map.of());
  }

  static String key(String name) {
    return name.toLowerCase(Locale.ROOT);
  }

  public Optional<SchemaEntry> schema(String name) {
    return Optional.ofNullable(schemas.get(key(name)));
  }

  public Optional<TableDefinition> table(String schema, String name) {
    return schema(schema).map(s -> s.tables().get(key(name)));
  }

  public Optional<ViewDefinition> view(String schema, String name) {
    return schema(schema).map(s -> s.views().get(key(name)));
  }

  /** Views of a schema sorted by name. */
  public List<ViewDefinition> sortedViews(String schema) {
    List<ViewDefinition> list =
        new ArrayList<>(schema(schema).map(s -> s.views().values()).orElseGet(List::of));
    list.sort(Comparator.comparing(v -> key(v.name())));
    return list;
  }

  public Optional<ModelEntry> model(String name) {
    return Optional.ofNullable(models.get(key(name)));
  }

  /** Schemas sorted by name. */
  public List<SchemaEntry> sortedSchemas() {
    List<SchemaEntry> list = new ArrayList<>(schemas.values());
    list.sort(Comparator.comparing(s -> key(s.name())));
    return list;
  }

  /** Tables of a schema sorted by name. */
  public List<TableDefinition> sortedTables(String schema) {
    List<TableDefinition> list =
        new ArrayList<>(schema(schema).map(s -> s.tables().values()).orElseGet(List::of));
    list.sort(Comparator.comparing(t -> key(t.name())));
    return list;
  }

  public List<ModelEntry> sortedModels() {
    List<ModelEntry> list = new ArrayList<>(models.values());
    list.sort(Comparator.comparing(m -> key(m.name())));
    return list;
  }

  CatalogSnapshot withSchema(SchemaEntry schema) {
    Map<String, SchemaEntry> next = new LinkedHashMap<>(schemas);
    next.put(key(schema.name()), schema);
    return new CatalogSnapshot(next, models);
  }

  CatalogSnapshot withoutSchema(String name) {
    Map<String, SchemaEntry> next = new LinkedHashMap<>(schemas);
    next.remove(key(name));
    return new CatalogSnapshot(next, models);
  }

  CatalogSnapshot withModel(ModelEntry model) {
    Map<String, ModelEntry> next = new LinkedHashMap<>(models);
    next.put(key(model.name()), model);
    return new CatalogSnapshot(schemas, next);
  }

  CatalogSnapshot withoutModel(String name) {
    Map<String, ModelEntry> next = new LinkedHashMap<>(models);
    next.remove(key(name));
    return new CatalogSnapshot(schemas, next);
  }
}
