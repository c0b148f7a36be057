package dev.scry.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.scry.testing.TestData;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a BI tool sees when it browses: DatabaseMetaData for a schema holding every column type, checked
 * field by field, and ResultSetMetaData of a query over it saying the same.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class JdbcMetadataTest {
  @TempDir static Path work;

  private RunningGateway gateway;

  /** One expected column: name, JDBC type, type name, size, decimal digits, nullable. */
  private record Expected(
      String name, int type, String typeName, Integer size, Integer digits, boolean nullable) {}

  private static final List<Expected> COLUMNS =
      List.of(
          new Expected("b", Types.BOOLEAN, "BOOLEAN", 1, null, true),
          new Expected("ti", Types.TINYINT, "TINYINT", 3, null, true),
          new Expected("si", Types.SMALLINT, "SMALLINT", 5, null, true),
          new Expected("i", Types.INTEGER, "INTEGER", 10, null, false),
          new Expected("bi", Types.BIGINT, "BIGINT", 19, null, true),
          new Expected("r", Types.REAL, "REAL", 7, null, true),
          new Expected("d", Types.DOUBLE, "DOUBLE", 15, null, true),
          new Expected("amount", Types.DECIMAL, "DECIMAL", 10, 2, true),
          new Expected("v", Types.VARCHAR, "VARCHAR", 20, null, true),
          new Expected("s", Types.VARCHAR, "VARCHAR", Integer.MAX_VALUE, null, true),
          new Expected("dt", Types.DATE, "DATE", 10, null, true),
          new Expected("ts", Types.TIMESTAMP, "TIMESTAMP", 26, null, true));

  @BeforeAll
  void start() throws Exception {
    gateway = RunningGateway.start(work);
    Path csv = work.resolve("alltypes.csv");
    Files.writeString(
        csv, "true,1,2,3,4,1.5,2.5,12.34,hello,world,2024-01-02,2024-01-02 03:04:05\n");
    try (Connection connection = gateway.connect();
        Statement statement = connection.createStatement()) {
      statement.execute("CREATE SCHEMA types");
      statement.execute(
          """
          CREATE EXTERNAL TABLE types.alltypes (b BOOLEAN, ti TINYINT, si SMALLINT, i INTEGER NOT NULL,
            bi BIGINT, r REAL, d DOUBLE, amount DECIMAL(10, 2), v VARCHAR(20), s VARCHAR, dt DATE, ts TIMESTAMP)
          STORED AS CSV LOCATION '%s'"""
              .formatted(TestData.uri(csv)));
      statement.execute(
          "CREATE EXTERNAL TABLE types.iris STORED AS CSV LOCATION '"
              + TestData.uri(TestData.data("iris.csv"))
              + "' OPTIONS (header 'true')");
    }
  }

  @AfterAll
  void stop() {
    if (gateway != null) {
      gateway.close();
    }
  }

  @Test
  void getColumnsDescribesEveryTypeFieldByField() throws SQLException {
    try (Connection connection = gateway.connect();
        ResultSet rs = connection.getMetaData().getColumns(null, "types", "alltypes", null)) {
      int ordinal = 0;
      while (rs.next()) {
        Expected expected = COLUMNS.get(ordinal++);
        String where = "column " + expected.name();
        assertNull(rs.getString("TABLE_CAT"), where);
        assertEquals("types", rs.getString("TABLE_SCHEM"), where);
        assertEquals("alltypes", rs.getString("TABLE_NAME"), where);
        assertEquals(expected.name(), rs.getString("COLUMN_NAME"), where);
        assertEquals(expected.type(), rs.getInt("DATA_TYPE"), where);
        assertEquals(expected.typeName(), rs.getString("TYPE_NAME"), where);
        assertEquals(expected.size(), (Integer) rs.getObject("COLUMN_SIZE"), where);
        assertEquals(expected.digits(), (Integer) rs.getObject("DECIMAL_DIGITS"), where);
        assertEquals(
            expected.nullable() ? DatabaseMetaData.columnNullable : DatabaseMetaData.columnNoNulls,
            rs.getInt("NULLABLE"),
            where);
        assertEquals(expected.nullable() ? "YES" : "NO", rs.getString("IS_NULLABLE"), where);
        assertEquals(ordinal, rs.getInt("ORDINAL_POSITION"), where);
      }
      assertEquals(COLUMNS.size(), ordinal);
    }
  }

  @Test
  void resultSetMetaDataAgreesWithGetColumns() throws SQLException {
    try (Connection connection = gateway.connect();
        Statement statement = connection.createStatement();
        ResultSet rs = statement.executeQuery("SELECT * FROM types.alltypes")) {
      ResultSetMetaData meta = rs.getMetaData();
      assertEquals(COLUMNS.size(), meta.getColumnCount());
      for (int i = 1; i <= COLUMNS.size(); i++) {
        Expected expected = COLUMNS.get(i - 1);
        String where = "column " + expected.name();
        assertEquals(expected.name(), meta.getColumnLabel(i), where);
        assertEquals(expected.type(), meta.getColumnType(i), where);
        assertEquals(expected.typeName(), meta.getColumnTypeName(i), where);
        // TIMESTAMP: the fraction digits Avatica's getString prints (milliseconds), not the text
        // length.
        assertEquals(
            expected.type() == Types.TIMESTAMP ? 3 : expected.size(), meta.getPrecision(i), where);
        assertEquals(expected.digits() == null ? 0 : expected.digits(), meta.getScale(i), where);
        assertEquals(
            expected.nullable()
                ? ResultSetMetaData.columnNullable
                : ResultSetMetaData.columnNoNulls,
            meta.isNullable(i),
            where);
        assertEquals("types", meta.getSchemaName(i), where);
        assertEquals("alltypes", meta.getTableName(i), where);
        assertEquals("", Objects.toString(meta.getCatalogName(i), ""), where);
      }
      assertTrue(rs.next());
      assertTrue(rs.getBoolean("b"));
      assertEquals(3, rs.getInt("i"));
      assertEquals(new BigDecimal("12.34"), rs.getBigDecimal("amount"));
      assertEquals(Date.valueOf("2024-01-02"), rs.getDate("dt"));
      assertFalse(rs.next());
    }
  }

  /**
   * Schema and table names where a column reads one table column, through a join and an alias; empty
   * for computed columns and PREDICT's outputs, as JDBC asks; the same before execution.
   */
  @Test
  void resultColumnsNameTheTableTheyRead() throws SQLException {
    try (Connection connection = gateway.connect();
        Statement ddl = connection.createStatement()) {
      ddl.execute(
          "CREATE MODEL IF NOT EXISTS iris_origins FROM '"
              + TestData.uri(TestData.model("skl2onnx_rf_iris.onnx"))
              + "'");
    }
    try (Connection connection = gateway.connect();
        PreparedStatement statement =
            connection.prepareStatement(
                "SELECT a.i AS renamed, i.Species, a.i + 1 AS computed, p.output_label FROM types.alltypes a"
                    + " JOIN types.iris i ON TRUE CROSS JOIN PREDICT(MODEL => 'iris_origins', DATA => (SELECT"
                    + " ARRAY[Sepal_Length, Sepal_Width, Petal_Length, Petal_Width] AS float_input FROM types.iris)) p"
                    + " WHERE a.i = ?")) {
      ResultSetMetaData meta = statement.getMetaData();
      List<String> origins = new ArrayList<>();
      for (int i = 1; i <= 4; i++) {
        // Avatica's protocol carries an empty name as no name: the client reads null.
        origins.add(
            Objects.toString(meta.getSchemaName(i), "")
                + "."
                + Objects.toString(meta.getTableName(i), ""));
      }
      assertEquals(List.of("types.alltypes", "types.iris", ".", "."), origins);
      assertEquals("renamed", meta.getColumnLabel(1));
    }
  }

  @Test
  void arraysAreDescribedAsArrays() throws SQLException {
    try (Connection connection = gateway.connect();
        Statement statement = connection.createStatement();
        ResultSet rs =
            statement.executeQuery(
                "SELECT ARRAY[Sepal_Length, Sepal_Width] AS a FROM types.iris")) {
      assertEquals(Types.ARRAY, rs.getMetaData().getColumnType(1));
      assertEquals("ARRAY", rs.getMetaData().getColumnTypeName(1));
    }
  }

  @Test
  void schemasAndTablesAreListed() throws SQLException {
    try (Connection connection = gateway.connect()) {
      DatabaseMetaData meta = connection.getMetaData();
      List<String> schemas = column(meta.getSchemas(), "TABLE_SCHEM");
      assertTrue(schemas.containsAll(List.of("default", "types")), schemas.toString());
      assertEquals(List.of(), column(meta.getCatalogs(), "TABLE_CAT"));
      assertEquals(
          List.of("alltypes", "iris"),
          column(meta.getTables(null, "types", "%", null), "TABLE_NAME"));
      assertEquals(
          List.of("TABLE", "TABLE"),
          column(meta.getTables(null, "types", "%", new String[] {"TABLE", "VIEW"}), "TABLE_TYPE"));
      assertEquals(
          List.of(),
          column(meta.getTables(null, "types", "%", new String[] {"VIEW"}), "TABLE_NAME"));
      assertEquals(
          List.of("iris"), column(meta.getTables(null, "TYP_S", "IR%", null), "TABLE_NAME"));
      assertEquals(
          List.of("SYSTEM TABLE", "TABLE", "VIEW"), column(meta.getTableTypes(), "TABLE_TYPE"));
    }
  }

  @Test
  void theSystemTablesAreBrowsableInSchemaScry() throws SQLException {
    try (Connection connection = gateway.connect()) {
      DatabaseMetaData meta = connection.getMetaData();
      assertTrue(column(meta.getSchemas(), "TABLE_SCHEM").contains("scry"));
      assertEquals(
          List.of("model_usage", "queries", "sessions"),
          column(meta.getTables(null, "scry", "%", new String[] {"SYSTEM TABLE"}), "TABLE_NAME"));
      assertEquals(
          List.of(),
          column(meta.getTables(null, "types", "%", new String[] {"SYSTEM TABLE"}), "TABLE_NAME"));
      List<String> columns = column(meta.getColumns(null, "scry", "queries", "%"), "COLUMN_NAME");
      assertEquals("statement_id", columns.get(0));
      assertTrue(columns.contains("sql_digest"), columns.toString());
      SQLException refused =
          assertThrows(
              SQLException.class, () -> connection.createStatement().execute("CREATE SCHEMA scry"));
      assertEquals("42000", refused.getSQLState(), refused.getMessage());
    }
  }

  @Test
  void keysAreEmptyWithTheirColumns() throws SQLException {
    try (Connection connection = gateway.connect()) {
      DatabaseMetaData meta = connection.getMetaData();
      try (ResultSet rs = meta.getPrimaryKeys(null, "types", "alltypes")) {
        assertEquals(
            List.of("TABLE_CAT", "TABLE_SCHEM", "TABLE_NAME", "COLUMN_NAME", "KEY_SEQ", "PK_NAME"),
            labels(rs));
        assertEquals(Types.SMALLINT, rs.getMetaData().getColumnType(5));
        assertFalse(rs.next());
      }
      // Keys are not part of Avatica's protocol: its client answers them itself, and its row class
      // spells JDBC's DEFERRABILITY with one R; the Scry driver labels it as JDBC does.
      try (ResultSet rs = meta.getImportedKeys(null, "types", "alltypes")) {
        assertEquals(
            List.of(
                "PKTABLE_CAT",
                "PKTABLE_SCHEM",
                "PKTABLE_NAME",
                "PKCOLUMN_NAME",
                "FKTABLE_CAT",
                "FKTABLE_SCHEM",
                "FKTABLE_NAME",
                "FKCOLUMN_NAME",
                "KEY_SEQ",
                "UPDATE_RULE",
                "DELETE_RULE",
                "FK_NAME",
                "PK_NAME",
                "DEFERRABILITY"),
            labels(rs));
        assertFalse(rs.next());
      }
    }
  }

  @Test
  void getFunctionsListsPredictFromTheGateway() throws SQLException {
    try (Connection connection = gateway.connect()) {
      DatabaseMetaData meta = connection.getMetaData();
      List<String> predict = new ArrayList<>();
      try (ResultSet rs = meta.getFunctions(null, null, "PREDICT")) {
        assertEquals(
            List.of(
                "FUNCTION_CAT",
                "FUNCTION_SCHEM",
                "FUNCTION_NAME",
                "REMARKS",
                "FUNCTION_TYPE",
                "SPECIFIC_NAME"),
            labels(rs));
        assertEquals(Types.SMALLINT, rs.getMetaData().getColumnType(5));
        while (rs.next()) {
          assertEquals("PREDICT", rs.getString("FUNCTION_NAME"));
          assertNull(rs.getString("FUNCTION_SCHEM"));
          assertTrue(rs.getString("REMARKS").contains("ONNX model"), rs.getString("REMARKS"));
          predict.add(rs.getString("SPECIFIC_NAME") + ":" + rs.getShort("FUNCTION_TYPE"));
        }
      }
      assertEquals(
          List.of(
              "PREDICT_SCALAR:" + DatabaseMetaData.functionNoTable,
              "PREDICT_TABLE:" + DatabaseMetaData.functionReturnsTable),
          predict);

      assertEquals(
          List.of("PREDICT", "PREDICT"),
          column(meta.getFunctions(null, null, "pre_ict"), "FUNCTION_NAME"));
      assertEquals(
          List.of(), column(meta.getFunctions(null, null, "NO_SUCH_FUNCTION%"), "FUNCTION_NAME"));
      assertEquals(List.of(), column(meta.getFunctions(null, "types", "PREDICT"), "FUNCTION_NAME"));
      List<String> all = column(meta.getFunctions(null, null, null), "FUNCTION_NAME");
      assertTrue(all.containsAll(List.of("PREDICT", "UPPER", "ABS")), all.toString());
      assertFalse(all.contains("+"), all.toString());
      assertTrue(
          List.of(meta.getStringFunctions().split(",")).contains("UPPER"),
          meta.getStringFunctions());
      assertTrue(
          List.of(meta.getNumericFunctions().split(",")).contains("ABS"),
          meta.getNumericFunctions());
      // The connection still answers queries after the metadata calls.
      assertEquals(150, count(connection, "SELECT COUNT(*) FROM types.iris"));
    }
  }

  @Test
  void getTypeInfoListsTheTypesColumnsHave() throws SQLException {
    Map<String, Integer> types = new HashMap<>();
    Map<String, Integer> precisions = new HashMap<>();
    try (Connection connection = gateway.connect();
        ResultSet rs = connection.getMetaData().getTypeInfo()) {
      while (rs.next()) {
        types.put(rs.getString("TYPE_NAME"), rs.getInt("DATA_TYPE"));
        precisions.put(rs.getString("TYPE_NAME"), rs.getInt("PRECISION"));
        assertEquals(DatabaseMetaData.typeNullable, rs.getShort("NULLABLE"));
      }
    }
    for (Expected column : COLUMNS) {
      assertEquals(column.type(), types.get(column.typeName()), column.typeName());
    }
    assertEquals(Types.ARRAY, types.get("ARRAY"));
    assertEquals(10, precisions.get("INTEGER"));
    assertEquals(38, precisions.get("DECIMAL"));
  }

  @Test
  void setSchemaAndTheSchemaPropertyChooseTheDefaultSchema() throws SQLException {
    try (Connection connection = gateway.connect()) {
      assertEquals("default", connection.getSchema());
      connection.setSchema("types");
      assertEquals("types", connection.getSchema());
      assertEquals(150, count(connection, "SELECT COUNT(*) FROM iris"));
    }
    Properties properties = new Properties();
    properties.setProperty("schema", "types");
    try (Connection connection = gateway.connect(properties)) {
      assertEquals("types", connection.getSchema());
      assertEquals(1, count(connection, "SELECT COUNT(*) FROM alltypes"));
    }
    properties.setProperty("schema", "nosuch");
    SQLException error =
        assertThrows(SQLException.class, () -> gateway.connect(properties).close());
    assertTrue(error.getMessage().contains("Schema 'nosuch' does not exist"), error.getMessage());
  }

  private static long count(Connection connection, String sql) throws SQLException {
    try (Statement statement = connection.createStatement();
        ResultSet rs = statement.executeQuery(sql)) {
      assertTrue(rs.next());
      return rs.getLong(1);
    }
  }

  private static List<String> labels(ResultSet rs) throws SQLException {
    List<String> labels = new ArrayList<>();
    for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
      labels.add(rs.getMetaData().getColumnLabel(i));
    }
    return labels;
  }

  private static List<String> column(ResultSet rs, String label) throws SQLException {
    List<String> values = new ArrayList<>();
    try (rs) {
      while (rs.next()) {
        values.add(rs.getString(label));
      }
    }
    return values;
  }
}
