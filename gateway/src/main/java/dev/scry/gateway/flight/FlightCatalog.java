package dev.scry.gateway.flight;

import dev.scry.gateway.catalog.CatalogBrowser;
import dev.scry.planner.ColumnOrigin;
import dev.scry.planner.catalog.ColumnDefinition;
import dev.scry.planner.parser.ScryParser;
import java.sql.DatabaseMetaData;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.apache.arrow.flight.FlightProducer.ServerStreamListener;
import org.apache.arrow.flight.sql.FlightSqlProducer.Schemas;
import org.apache.arrow.flight.sql.SqlInfoBuilder;
import org.apache.arrow.flight.sql.impl.FlightSql.CommandGetDbSchemas;
import org.apache.arrow.flight.sql.impl.FlightSql.CommandGetSqlInfo;
import org.apache.arrow.flight.sql.impl.FlightSql.CommandGetTables;
import org.apache.arrow.flight.sql.impl.FlightSql.CommandGetXdbcTypeInfo;
import org.apache.arrow.flight.sql.impl.FlightSql.SqlSupportedCaseSensitivity;
import org.apache.arrow.flight.sql.impl.FlightSql.SqlSupportedTransaction;
import org.apache.arrow.flight.sql.impl.FlightSql.SqlTransactionIsolationLevel;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.Schema;
import org.apache.calcite.sql.type.SqlTypeFamily;
import org.apache.calcite.sql.type.SqlTypeName;

/**
 * Flight SQL's metadata commands, answered from the same catalog as JDBC's DatabaseMetaData over
 * Avatica ({@link CatalogBrowser}), without a Spark job. Scry has no catalogs (the level above
 * schemas) and no keys, so those commands answer with no rows.
 */
final class FlightCatalog {
  /** The server's name in GetSqlInfo, as JDBC's getDatabaseProductName shows it. */
  static final String SERVER_NAME = "Scry";

  private final CatalogBrowser browser;
  private final ResultStream results;
  private final SqlInfoBuilder sqlInfo;

  FlightCatalog(CatalogBrowser browser, ResultStream results, String version) {
    this.browser = Objects.requireNonNull(browser, "browser");
    this.results = Objects.requireNonNull(results, "results");
    this.sqlInfo =
        new SqlInfoBuilder()
            .withFlightSqlServerName(SERVER_NAME)
            .withFlightSqlServerVersion(version)
            .withFlightSqlServerArrowVersion(Schema.class.getPackage().getImplementationVersion())
            .withFlightSqlServerReadOnly(false)
            .withFlightSqlServerSql(true)
            .withFlightSqlServerSubstrait(false)
            .withFlightSqlServerTransaction(SqlSupportedTransaction.SQL_SUPPORTED_TRANSACTION_NONE)
            .withFlightSqlServerCancel(true)
            .withSqlTransactionsSupported(false)
            // Asked by Arrow's JDBC driver for getDefaultTransactionIsolation (sqlline does on
            // connect); left out, the driver fails with a NullPointerException.
            .withSqlDefaultTransactionIsolation(
                SqlTransactionIsolationLevel.SQL_TRANSACTION_NONE_VALUE)
            .withSqlIdentifierQuoteChar("\"")
            .withSqlIdentifierCase(
                SqlSupportedCaseSensitivity.SQL_CASE_SENSITIVITY_CASE_INSENSITIVE)
            .withSqlQuotedIdentifierCase(
                SqlSupportedCaseSensitivity.SQL_CASE_SENSITIVITY_CASE_INSENSITIVE)
            .withSqlKeywords(ScryParser.jdbcKeywords().split(","));
  }

  void catalogs(ServerStreamListener listener) {
    results.sendRows(Schemas.GET_CATALOGS_SCHEMA, List.of(), listener);
  }

  void schemas(CommandGetDbSchemas command, ServerStreamListener listener) {
    List<Object[]> rows = new ArrayList<>();
    if (noCatalogAsked(command.hasCatalog() ? command.getCatalog() : null)) {
      String pattern =
          command.hasDbSchemaFilterPattern() ? command.getDbSchemaFilterPattern() : null;
      for (String schema : browser.schemas(pattern)) {
        rows.add(new Object[] {null, schema});
      }
    }
    results.sendRows(Schemas.GET_SCHEMAS_SCHEMA, rows, listener);
  }

  /** GetTables: TABLE rows, with each table's Arrow schema when the client asks for it. */
  void tables(CommandGetTables command, ServerStreamListener listener) {
    boolean withSchema = command.getIncludeSchema();
    List<Object[]> rows = new ArrayList<>();
    if (noCatalogAsked(command.hasCatalog() ? command.getCatalog() : null)) {
      String schemas =
          command.hasDbSchemaFilterPattern() ? command.getDbSchemaFilterPattern() : null;
      String tables =
          command.hasTableNameFilterPattern() ? command.getTableNameFilterPattern() : null;
      for (CatalogBrowser.Relation table : browser.tables(schemas, tables)) {
        boolean wanted =
            command.getTableTypesCount() == 0
                || command.getTableTypesList().stream().anyMatch(table.type()::equalsIgnoreCase);
        if (wanted) {
          Object[] row = {null, table.schema(), table.name(), table.type()};
          rows.add(withSchema ? append(row, ArrowTypes.serialize(tableSchema(table))) : row);
        }
      }
    }
    results.sendRows(
        withSchema ? Schemas.GET_TABLES_SCHEMA : Schemas.GET_TABLES_SCHEMA_NO_SCHEMA,
        rows,
        listener);
  }

  void tableTypes(ServerStreamListener listener) {
    List<Object[]> rows = new ArrayList<>();
    CatalogBrowser.TABLE_TYPES.forEach(type -> rows.add(new Object[] {type}));
    results.sendRows(Schemas.GET_TABLE_TYPES_SCHEMA, rows, listener);
  }

  /** Primary, exported and imported keys and cross references: Scry's tables have none. */
  void noKeys(Schema schema, ServerStreamListener listener) {
    results.sendRows(schema, List.of(), listener);
  }

  void sqlInfo(CommandGetSqlInfo command, ServerStreamListener listener) {
    sqlInfo.send(command.getInfoList(), listener);
  }

  /** GetXdbcTypeInfo: the SQL types the gateway offers, as JDBC's getTypeInfo lists them. */
  void typeInfo(CommandGetXdbcTypeInfo command, ServerStreamListener listener) {
    List<Object[]> rows = new ArrayList<>();
    for (SqlTypeName name : CatalogBrowser.TYPES) {
      int jdbcType = name.getJdbcOrdinal();
      if (command.hasDataType() && command.getDataType() != jdbcType) {
        continue;
      }
      boolean numeric = name.getFamily() == SqlTypeFamily.NUMERIC;
      boolean text = name == SqlTypeName.CHAR || name == SqlTypeName.VARCHAR;
      List<String> createParams = new ArrayList<>();
      if (name.allowsPrec()) {
        createParams.add("precision");
      }
      if (name.allowsScale()) {
        createParams.add("scale");
      }
      rows.add(
          new Object[] {
            name.getName(),
            jdbcType,
            browser.maxPrecision(name),
            text ? "'" : null,
            text ? "'" : null,
            createParams,
            DatabaseMetaData.typeNullable,
            text,
            DatabaseMetaData.typeSearchable,
            !numeric,
            false,
            false,
            name.getName(),
            0,
            name == SqlTypeName.DECIMAL ? 38 : 0,
            jdbcType,
            null,
            numeric ? 10 : null,
            null
          });
    }
    results.sendRows(Schemas.GET_TYPE_INFO_SCHEMA, rows, listener);
  }

  /** A table's columns as the Arrow schema its query results have. */
  private Schema tableSchema(CatalogBrowser.Relation table) {
    List<Field> fields = new ArrayList<>();
    for (ColumnDefinition column : table.columns()) {
      fields.add(
          ArrowTypes.field(
              column.name(),
              browser.columnType(column),
              new ColumnOrigin(table.schema(), table.name(), column.name())));
    }
    return new Schema(fields);
  }

  /** Scry has no catalogs: a client that names one (other than the empty name for none) gets nothing. */
  private static boolean noCatalogAsked(String catalog) {
    return catalog == null || catalog.isEmpty();
  }

  private static Object[] append(Object[] row, Object value) {
    Object[] longer = new Object[row.length + 1];
    System.arraycopy(row, 0, longer, 0, row.length);
    longer[row.length] = value;
    return longer;
  }
}
