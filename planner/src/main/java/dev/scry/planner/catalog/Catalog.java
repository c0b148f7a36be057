package dev.scry.planner.catalog;

import dev.scry.planner.ErrorCode;
import dev.scry.planner.ScryException;
import dev.scry.planner.spi.FileStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;

/**
 * The durable catalog: schemas, tables and models, kept as one JSON file under the warehouse. Readers
 * take an immutable {@link #snapshot()}; each change is written to the file (atomically, through the
 * {@link FileStore}) before it becomes visible, so the catalog survives a restart as it was.
 */
public final class Catalog {
  private final FileStore store;
  private final String warehouseUri;
  private final String catalogUri;
  private volatile CatalogSnapshot current;

  private Catalog(FileStore store, String warehouseUri, CatalogSnapshot initial) {
    this.store = store;
    this.warehouseUri = warehouseUri;
    this.catalogUri = catalogFile(warehouseUri);
    this.current = initial;
  }

  private static String catalogFile(String warehouseUri) {
    return Locations.child(warehouseUri, "_scry/catalog.json");
  }

  /** Where a managed table keeps its data: {@code <warehouse>/<schema>/<table>}. */
  public String managedLocation(String schema, String table) {
    return Locations.child(warehouseUri, schema + "/" + table);
  }

  /** Opens the catalog kept under {@code warehouseUri}, creating an empty one the first time. */
  public static Catalog open(FileStore store, String warehouseUri) {
    Objects.requireNonNull(store, "store");
    String uri = catalogFile(warehouseUri);
    try {
      if (store.exists(uri)) {
        CatalogSnapshot loaded = CatalogCodec.decode(store.read(uri));
        if (loaded.schema(CatalogSnapshot.DEFAULT_SCHEMA).isEmpty()) {
          loaded =
              loaded.withSchema(
                  new CatalogSnapshot.SchemaEntry(CatalogSnapshot.DEFAULT_SCHEMA, Map.of()));
        }
        return new Catalog(store, warehouseUri, loaded);
      }
      Catalog catalog = new Catalog(store, warehouseUri, CatalogSnapshot.empty());
      catalog.persist(catalog.current);
      return catalog;
    } catch (IOException e) {
      throw new UncheckedIOException(
          "Cannot read the catalog at " + uri + ": " + e.getMessage(), e);
    }
  }

  public CatalogSnapshot snapshot() {
    return current;
  }

  /** Creates a schema; false if it existed and {@code ifNotExists} allowed that. */
  public boolean createSchema(String name, boolean ifNotExists) {
    return change(
        s -> {
          if (s.schema(name).isPresent()) {
            if (ifNotExists) {
              return s;
            }
            throw new ScryException(
                ErrorCode.ALREADY_EXISTS, "Schema '" + name + "' already exists");
          }
          return s.withSchema(new CatalogSnapshot.SchemaEntry(name, Map.of()));
        });
  }

  public boolean dropSchema(String name, boolean ifExists) {
    return change(
        s -> {
          var schema = s.schema(name);
          if (schema.isEmpty()) {
            if (ifExists) {
              return s;
            }
            throw new ScryException(
                ErrorCode.SCHEMA_NOT_FOUND, "Schema '" + name + "' does not exist");
          }
          if (CatalogSnapshot.DEFAULT_SCHEMA.equalsIgnoreCase(name)) {
            throw new ScryException("Schema 'default' cannot be dropped");
          }
          if (!schema.get().isEmpty()) {
            throw new ScryException(
                "Schema '" + name + "' is not empty: drop its tables and views first");
          }
          return s.withoutSchema(name);
        });
  }

  public boolean createTable(TableDefinition table, boolean ifNotExists) {
    return change(
        s -> {
          CatalogSnapshot.SchemaEntry schema =
              s.schema(table.schema())
                  .orElseThrow(
                      () ->
                          new ScryException(
                              ErrorCode.SCHEMA_NOT_FOUND,
                              "Schema '" + table.schema() + "' does not exist"));
          if (schema.tables().containsKey(CatalogSnapshot.key(table.name()))) {
            if (ifNotExists) {
              return s;
            }
            throw new ScryException(
                ErrorCode.ALREADY_EXISTS, "Table '" + table.qualifiedName() + "' already exists");
          }
          if (schema.views().containsKey(CatalogSnapshot.key(table.name()))) {
            throw new ScryException(
                ErrorCode.ALREADY_EXISTS,
                "'" + table.qualifiedName() + "' is a view: choose another name for the table");
          }
          Map<String, TableDefinition> tables = new LinkedHashMap<>(schema.tables());
          tables.put(CatalogSnapshot.key(table.name()), table.withSchemaName(schema.name()));
          return s.withSchema(schema.withTables(tables));
        });
  }

  public boolean dropTable(String schemaName, String tableName, boolean ifExists) {
    return change(
        s -> {
          var schema = s.schema(schemaName);
          if (schema.isPresent()
              && schema.get().views().containsKey(CatalogSnapshot.key(tableName))) {
            throw new ScryException(
                ErrorCode.SEMANTIC,
                "'" + schemaName + "." + tableName + "' is a view: drop it with DROP VIEW");
          }
          if (schema.isEmpty()
              || !schema.get().tables().containsKey(CatalogSnapshot.key(tableName))) {
            if (ifExists) {
              return s;
            }
            throw new ScryException(
                ErrorCode.TABLE_NOT_FOUND,
                "Table '" + schemaName + "." + tableName + "' does not exist");
          }
          Map<String, TableDefinition> tables = new LinkedHashMap<>(schema.get().tables());
          tables.remove(CatalogSnapshot.key(tableName));
          return s.withSchema(schema.get().withTables(tables));
        });
  }

  /**
   * Creates a view, or replaces one when {@code orReplace}; a table of the same name is never replaced.
   */
  public void createView(ViewDefinition view, boolean orReplace) {
    change(
        s -> {
          CatalogSnapshot.SchemaEntry schema =
              s.schema(view.schema())
                  .orElseThrow(
                      () ->
                          new ScryException(
                              ErrorCode.SCHEMA_NOT_FOUND,
                              "Schema '" + view.schema() + "' does not exist"));
          String key = CatalogSnapshot.key(view.name());
          if (schema.tables().containsKey(key)) {
            throw new ScryException(
                ErrorCode.ALREADY_EXISTS,
                "'" + view.qualifiedName() + "' is a table: choose another name for the view");
          }
          if (schema.views().containsKey(key) && !orReplace) {
            throw new ScryException(
                ErrorCode.ALREADY_EXISTS,
                "View '"
                    + view.qualifiedName()
                    + "' already exists: CREATE OR REPLACE VIEW replaces it");
          }
          Map<String, ViewDefinition> views = new LinkedHashMap<>(schema.views());
          views.put(key, view.withSchemaName(schema.name()));
          return s.withSchema(schema.withViews(views));
        });
  }

  /** Drops a view; false if there was none and {@code ifExists} allowed that. */
  public boolean dropView(String schemaName, String viewName, boolean ifExists) {
    return change(
        s -> {
          var schema = s.schema(schemaName);
          String key = CatalogSnapshot.key(viewName);
          if (schema.isPresent() && schema.get().tables().containsKey(key)) {
            throw new ScryException(
                ErrorCode.SEMANTIC,
                "'" + schemaName + "." + viewName + "' is a table: drop it with DROP TABLE");
          }
          if (schema.isEmpty() || !schema.get().views().containsKey(key)) {
            if (ifExists) {
              return s;
            }
            throw new ScryException(
                ErrorCode.TABLE_NOT_FOUND,
                "View '" + schemaName + "." + viewName + "' does not exist");
          }
          Map<String, ViewDefinition> views = new LinkedHashMap<>(schema.get().views());
          views.remove(key);
          return s.withSchema(schema.get().withViews(views));
        });
  }

  /**
   * Publishes a committed write: adds {@code folderName} to the table's data folders in one catalog
   * update. Fails if the table is gone or is no longer the managed table at {@code location}.
   */
  public void addDataFolder(
      String schemaName, String tableName, String location, String folderName) {
    replaceDataFolders(
        schemaName,
        tableName,
        location,
        folders -> {
          List<String> added = new ArrayList<>(folders);
          added.add(folderName);
          return added;
        });
  }

  /**
   * Publishes an overwrite: the table's data folders become what {@code replace} makes of the current
   * ones, in one catalog update made under the catalog's lock, so that no other write is published
   * between reading them and replacing them. Fails as {@link #addDataFolder} does.
   */
  public void replaceDataFolders(
      String schemaName, String tableName, String location, UnaryOperator<List<String>> replace) {
    change(
        s -> {
          CatalogSnapshot.SchemaEntry schema =
              s.schema(schemaName)
                  .orElseThrow(
                      () ->
                          new ScryException(
                              ErrorCode.SCHEMA_NOT_FOUND,
                              "Schema '" + schemaName + "' does not exist"));
          TableDefinition table = schema.tables().get(CatalogSnapshot.key(tableName));
          if (table == null || table.external() || !table.location().equals(location)) {
            throw new ScryException(
                "Table '"
                    + schemaName
                    + "."
                    + tableName
                    + "' was dropped or replaced during the write");
          }
          Map<String, TableDefinition> tables = new LinkedHashMap<>(schema.tables());
          tables.put(
              CatalogSnapshot.key(tableName),
              table.withDataFolders(replace.apply(table.dataFolders())));
          return s.withSchema(schema.withTables(tables));
        });
  }

  /** Adds a model version (the first creates the model). */
  public void addModelVersion(ModelVersion version) {
    change(
        s -> {
          List<ModelVersion> versions =
              new ArrayList<>(
                  s.model(version.name())
                      .map(CatalogSnapshot.ModelEntry::versions)
                      .orElseGet(List::of));
          versions.add(version);
          String name =
              s.model(version.name()).map(CatalogSnapshot.ModelEntry::name).orElse(version.name());
          List<ModelAlias> aliases =
              s.model(version.name()).map(CatalogSnapshot.ModelEntry::aliases).orElseGet(List::of);
          return s.withModel(new CatalogSnapshot.ModelEntry(name, versions, aliases));
        });
  }

  /**
   * Replaces model {@code name}'s entry by what {@code edit} makes of it, atomically with every other
   * change (an alias moved here is seen whole by the next snapshot, never half). {@code missing} is
   * thrown when there is no such model; {@code edit} throws its own errors.
   */
  public void editModel(
      String name,
      UnaryOperator<CatalogSnapshot.ModelEntry> edit,
      Supplier<? extends RuntimeException> missing) {
    change(s -> s.withModel(edit.apply(s.model(name).orElseThrow(missing))));
  }

  public boolean dropModel(String name, boolean ifExists) {
    return change(
        s -> {
          if (s.model(name).isEmpty()) {
            if (ifExists) {
              return s;
            }
            throw new ScryException("Model '" + name + "' does not exist");
          }
          return s.withoutModel(name);
        });
  }

  /** Applies a change and persists it; returns whether anything changed. */
  private synchronized boolean change(UnaryOperator<CatalogSnapshot> edit) {
    CatalogSnapshot before = current;
    CatalogSnapshot after = edit.apply(before);
    if (after.equals(before)) {
      return false;
    }
    persist(after);
    current = after;
    return true;
  }

  private void persist(CatalogSnapshot snapshot) {
    try {
      store.write(catalogUri, CatalogCodec.encode(snapshot));
    } catch (IOException e) {
      throw new UncheckedIOException(
          "Cannot write the catalog at " + catalogUri + ": " + e.getMessage(), e);
    }
  }
}
