package dev.scry.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.scry.planner.system.SystemTables;
import dev.scry.testing.WideCatalog;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * A catalog of 1,000 tables of 20 columns, created through the driver with DDL: getTables lists every
 * table, and one getColumns over every schema and table says, field by field, what the DDL declared.
 * (How fast is measured by {@code ./scry bench}, P10, not asserted here.)
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CatalogAtScaleTest {
  @TempDir static Path work;

  private final WideCatalog catalog = new WideCatalog("wide", 1_000, 20);
  private RunningGateway gateway;

  @BeforeAll
  void start() throws Exception {
    gateway = RunningGateway.start(work);
    Path folders = Files.createDirectories(work.resolve("wide"));
    for (String table : catalog.tableNames()) {
      Files.createDirectories(folders.resolve(table));
    }
    try (Connection connection = gateway.connect();
        Statement statement = connection.createStatement()) {
      for (String ddl : catalog.ddl(folders.toUri().toString())) {
        statement.execute(ddl);
      }
    }
  }

  @AfterAll
  void stop() {
    if (gateway != null) {
      gateway.close();
    }
  }

  @Test
  void getTablesListsEveryTable() throws Exception {
    List<String> listed = new ArrayList<>();
    try (Connection connection = gateway.connect();
        ResultSet tables =
            connection.getMetaData().getTables(null, "wide", "%", new String[] {"TABLE"})) {
      while (tables.next()) {
        listed.add(tables.getString("TABLE_NAME"));
      }
    }
    assertEquals(catalog.tableNames(), listed);
  }

  @Test
  void getColumnsOverEverythingMatchesTheDdlFieldByField() throws Exception {
    List<String> mismatches = new ArrayList<>();
    int rows = 0;
    List<WideCatalog.Column> expected = catalog.allColumns();
    try (Connection connection = gateway.connect();
        ResultSet columns = connection.getMetaData().getColumns(null, null, "%", "%")) {
      while (columns.next()) {
        if (SystemTables.SCHEMA.equals(columns.getString("TABLE_SCHEM"))) {
          continue; // the gateway's own tables, listed after the catalog's
        }
        if (rows >= expected.size()) {
          mismatches.add(
              "an extra column "
                  + columns.getString("TABLE_NAME")
                  + "."
                  + columns.getString("COLUMN_NAME"));
          break;
        }
        WideCatalog.Column column = expected.get(rows++);
        String where = column.table() + "." + column.name();
        compare(mismatches, where, "TABLE_SCHEM", "wide", columns.getObject("TABLE_SCHEM"));
        compare(mismatches, where, "TABLE_NAME", column.table(), columns.getObject("TABLE_NAME"));
        compare(mismatches, where, "COLUMN_NAME", column.name(), columns.getObject("COLUMN_NAME"));
        compare(mismatches, where, "DATA_TYPE", column.jdbcType(), columns.getObject("DATA_TYPE"));
        compare(mismatches, where, "TYPE_NAME", column.typeName(), columns.getObject("TYPE_NAME"));
        compare(mismatches, where, "COLUMN_SIZE", column.size(), columns.getObject("COLUMN_SIZE"));
        compare(
            mismatches,
            where,
            "DECIMAL_DIGITS",
            column.digits(),
            columns.getObject("DECIMAL_DIGITS"));
        compare(
            mismatches,
            where,
            "NULLABLE",
            column.nullable() ? DatabaseMetaData.columnNullable : DatabaseMetaData.columnNoNulls,
            columns.getObject("NULLABLE"));
        compare(
            mismatches,
            where,
            "IS_NULLABLE",
            column.nullable() ? "YES" : "NO",
            columns.getObject("IS_NULLABLE"));
        compare(
            mismatches,
            where,
            "ORDINAL_POSITION",
            column.ordinal(),
            columns.getObject("ORDINAL_POSITION"));
        if (mismatches.size() > 20) {
          break;
        }
      }
      ResultSetMetaData shape = columns.getMetaData();
      assertEquals(24, shape.getColumnCount());
    }
    assertEquals(List.of(), mismatches);
    assertEquals(expected.size(), rows);
  }

  private static void compare(
      List<String> mismatches, String where, String field, Object expected, Object actual) {
    if (!Objects.equals(expected, actual)) {
      mismatches.add(
          where + " " + field + ": declared " + expected + ", getColumns says " + actual);
    }
  }
}
