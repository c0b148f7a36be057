package dev.scry.testing;

import java.sql.Types;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * A catalog as large as a BI tool browses: {@code tables} tables of {@code columns} columns in one
 * schema, declared with explicit columns (no file is read to create them) whose types cycle through
 * every column type Scry has. The bench measures metadata calls on it (P10); the gateway's
 * CatalogAtScaleTest compares what {@code getColumns} says with the declarations. It lives here, below
 * both, because the gateway's tests cannot depend on the bench, which depends on the gateway.
 */
public final class WideCatalog {
  /** One declared column: its name, DDL type, and what getColumns must say of it. */
  public record Column(
      String table,
      String name,
      String ddlType,
      int jdbcType,
      String typeName,
      Integer size,
      Integer digits,
      boolean nullable,
      int ordinal) {
    public Column {
      Objects.requireNonNull(table, "table");
      Objects.requireNonNull(name, "name");
    }
  }

  private record Kind(String ddl, int jdbcType, String typeName, Integer size, Integer digits) {}

  private static final List<Kind> KINDS =
      List.of(
          new Kind("BOOLEAN", Types.BOOLEAN, "BOOLEAN", 1, null),
          new Kind("TINYINT", Types.TINYINT, "TINYINT", 3, null),
          new Kind("SMALLINT", Types.SMALLINT, "SMALLINT", 5, null),
          new Kind("INTEGER", Types.INTEGER, "INTEGER", 10, null),
          new Kind("BIGINT", Types.BIGINT, "BIGINT", 19, null),
          new Kind("REAL", Types.REAL, "REAL", 7, null),
          new Kind("DOUBLE", Types.DOUBLE, "DOUBLE", 15, null),
          new Kind("DECIMAL(12, 3)", Types.DECIMAL, "DECIMAL", 12, 3),
          new Kind("VARCHAR(40)", Types.VARCHAR, "VARCHAR", 40, null),
          new Kind("VARCHAR", Types.VARCHAR, "VARCHAR", Integer.MAX_VALUE, null),
          new Kind("DATE", Types.DATE, "DATE", 10, null),
          new Kind("TIMESTAMP", Types.TIMESTAMP, "TIMESTAMP", 26, null));

  private final String schema;
  private final int tables;
  private final int columns;

  public WideCatalog(String schema, int tables, int columns) {
    this.schema = Objects.requireNonNull(schema, "schema");
    this.tables = tables;
    this.columns = columns;
  }

  public String schema() {
    return schema;
  }

  public int tables() {
    return tables;
  }

  /** The table names, in the order getTables lists them (by name). */
  public List<String> tableNames() {
    List<String> names = new ArrayList<>();
    for (int t = 0; t < tables; t++) {
      names.add(tableName(t));
    }
    return names;
  }

  /** The statements that create the schema and every table, each table over its own (empty) folder. */
  public List<String> ddl(String folderUri) {
    String base = folderUri.endsWith("/") ? folderUri : folderUri + "/";
    List<String> statements = new ArrayList<>();
    statements.add("CREATE SCHEMA " + schema);
    for (int t = 0; t < tables; t++) {
      StringBuilder ddl =
          new StringBuilder("CREATE EXTERNAL TABLE " + schema + "." + tableName(t) + " (");
      List<Column> declared = columns(t);
      for (int c = 0; c < declared.size(); c++) {
        Column column = declared.get(c);
        ddl.append(c == 0 ? "" : ", ")
            .append(column.name())
            .append(' ')
            .append(column.ddlType())
            .append(column.nullable() ? "" : " NOT NULL");
      }
      statements.add(
          ddl.append(") STORED AS PARQUET LOCATION '")
              .append(base)
              .append(tableName(t))
              .append("'")
              .toString());
    }
    return statements;
  }

  /** Every column of every table, in the order getColumns lists them (table name, then position). */
  public List<Column> allColumns() {
    List<Column> all = new ArrayList<>();
    for (int t = 0; t < tables; t++) {
      all.addAll(columns(t));
    }
    return all;
  }

  private List<Column> columns(int table) {
    List<Column> declared = new ArrayList<>();
    for (int c = 0; c < columns; c++) {
      Kind kind = KINDS.get((table + c) % KINDS.size());
      boolean nullable = (table + c) % 5 != 0;
      declared.add(
          new Column(
              tableName(table),
              String.format(Locale.ROOT, "c%02d_%s", c, kind.typeName().toLowerCase(Locale.ROOT)),
              kind.ddl(),
              kind.jdbcType(),
              kind.typeName(),
              kind.size(),
              kind.digits(),
              nullable,
              c + 1));
    }
    return declared;
  }

  private static String tableName(int table) {
    return String.format(Locale.ROOT, "t%04d", table);
  }
}
