package dev.scry.gateway.avatica;

import dev.scry.gateway.catalog.CatalogBrowser;
import dev.scry.planner.catalog.Catalog;
import dev.scry.planner.catalog.ColumnDefinition;
import dev.scry.planner.parser.ScryParser;
import dev.scry.wire.WireProtocol;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.Types;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;
import org.apache.calcite.avatica.Meta;
import org.apache.calcite.avatica.MetaImpl;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.sql.SqlFunctionCategory;
import org.apache.calcite.sql.type.SqlTypeFamily;
import org.apache.calcite.sql.type.SqlTypeName;

/**
 * Answers DatabaseMetaData calls (catalogs, schemas, tables, columns, types) from the catalog alone,
 * without running a Spark job. Results are small: they travel in one frame.
 */
public final class CatalogMetadata {
  private static final MetadataShape CATALOGS = MetadataShape.of(MetaImpl.MetaCatalog.class);
  private static final MetadataShape SCHEMAS = MetadataShape.of(MetaImpl.MetaSchema.class);
  private static final MetadataShape TABLES = MetadataShape.of(MetaImpl.MetaTable.class);
  private static final MetadataShape COLUMNS = MetadataShape.of(MetaImpl.MetaColumn.class);
  private static final MetadataShape FUNCTIONS = MetadataShape.of(MetaImpl.MetaFunction.class);
  private static final MetadataShape FUNCTION_COLUMNS =
      MetadataShape.of(MetaImpl.MetaFunctionColumn.class);
  private static final MetadataShape TABLE_TYPES = MetadataShape.of(MetaImpl.MetaTableType.class);
  private static final MetadataShape TYPE_INFO = MetadataShape.of(MetaImpl.MetaTypeInfo.class);
  private final CatalogBrowser browser;
  private final FunctionCatalog functions;

  public CatalogMetadata(Catalog catalog) {
    this(catalog, FunctionCatalog.scry());
  }

  public CatalogMetadata(Catalog catalog, FunctionCatalog functions) {
    this.browser = new CatalogBrowser(Objects.requireNonNull(catalog, "catalog"));
    this.functions = Objects.requireNonNull(functions, "functions");
  }

  Map<Meta.DatabaseProperty, Object> databaseProperties() {
    Map<Meta.DatabaseProperty, Object> properties = new EnumMap<>(Meta.DatabaseProperty.class);
    properties.put(
        Meta.DatabaseProperty.GET_DEFAULT_TRANSACTION_ISOLATION, Connection.TRANSACTION_NONE);
    properties.put(
        Meta.DatabaseProperty.GET_NUMERIC_FUNCTIONS,
        functions.scalarNames(SqlFunctionCategory.NUMERIC));
    properties.put(
        Meta.DatabaseProperty.GET_STRING_FUNCTIONS,
        functions.scalarNames(SqlFunctionCategory.STRING));
    properties.put(
        Meta.DatabaseProperty.GET_TIME_DATE_FUNCTIONS,
        functions.scalarNames(SqlFunctionCategory.TIMEDATE));
    properties.put(
        Meta.DatabaseProperty.GET_SYSTEM_FUNCTIONS,
        functions.scalarNames(SqlFunctionCategory.SYSTEM));
    properties.put(Meta.DatabaseProperty.GET_S_Q_L_KEYWORDS, ScryParser.jdbcKeywords());
    return properties;
  }

  Meta.MetaResultSet catalogs(String connectionId, int statementId) {
    return CATALOGS.result(connectionId, statementId, List.of());
  }

  Meta.MetaResultSet schemas(String connectionId, int statementId, String schemaPattern) {
    List<Object[]> rows = new ArrayList<>();
    for (String schema : browser.schemas(schemaPattern)) {
      rows.add(new Object[] {schema, null});
    }
    return SCHEMAS.result(connectionId, statementId, rows);
  }

  Meta.MetaResultSet tables(
      String connectionId,
      int statementId,
      String schemaPattern,
      String tablePattern,
      List<String> types) {
    if (types != null
        && types.size() == 1
        && WireProtocol.FUNCTIONS_TABLE_TYPE.equals(types.get(0))) {
      return functions(connectionId, statementId, schemaPattern, tablePattern);
    }
    List<Object[]> rows = new ArrayList<>();
    List<CatalogBrowser.Relation> relations =
        new ArrayList<>(browser.tables(schemaPattern, tablePattern));
    // JDBC orders getTables by type first, then schema and name.
    relations.sort(Comparator.comparing(CatalogBrowser.Relation::type));
    for (CatalogBrowser.Relation relation : relations) {
      if (types == null || types.stream().anyMatch(relation.type()::equalsIgnoreCase)) {
        rows.add(
            new Object[] {
              null,
              relation.schema(),
              relation.name(),
              relation.type(),
              "",
              null,
              null,
              null,
              null,
              null
            });
      }
    }
    return TABLES.result(connectionId, statementId, rows);
  }

  Meta.MetaResultSet columns(
      String connectionId,
      int statementId,
      String catalog,
      String schemaPattern,
      String tablePattern,
      String columnPattern) {
    if (WireProtocol.FUNCTION_COLUMNS_CATALOG.equals(catalog)) {
      return functionColumns(connectionId, statementId, schemaPattern, tablePattern, columnPattern);
    }
    Pattern columns = likePattern(columnPattern);
    List<Object[]> rows = new ArrayList<>();
    for (CatalogBrowser.Relation table : browser.tables(schemaPattern, tablePattern)) {
      int ordinal = 0;
      for (ColumnDefinition column : table.columns()) {
        ordinal++;
        if (!columns.matcher(column.name()).matches()) {
          continue;
        }
        RelDataType type = browser.columnType(column);
        SqlTypeName name = type.getSqlTypeName();
        Integer size = JdbcTypes.columnSize(type);
        Integer digits = name == SqlTypeName.DECIMAL ? type.getScale() : null;
        Integer radix = name.getFamily() == SqlTypeFamily.NUMERIC ? 10 : null;
        rows.add(
            new Object[] {
              null,
              table.schema(),
              table.name(),
              column.name(),
              type.getComponentType() != null ? Types.ARRAY : name.getJdbcOrdinal(),
              JdbcTypes.typeName(type),
              size,
              null,
              digits,
              radix,
              column.nullable() ? DatabaseMetaData.columnNullable : DatabaseMetaData.columnNoNulls,
              "",
              null,
              null,
              null,
              name == SqlTypeName.VARCHAR || name == SqlTypeName.CHAR ? size : null,
              ordinal,
              column.nullable() ? "YES" : "NO",
              null,
              null,
              null,
              null,
              "NO",
              "NO"
            });
      }
    }
    return COLUMNS.result(connectionId, statementId, rows);
  }

  /**
   * getFunctions: the built-in functions, which belong to no schema (FUNCTION_SCHEM null). They are
   * listed when the schema pattern is null (any), empty (no schema) or {@code %}; a pattern naming a
   * schema matches none of them.
   */
  Meta.MetaResultSet functions(
      String connectionId, int statementId, String schemaPattern, String functionPattern) {
    Pattern names = likePattern(functionPattern);
    boolean builtInsWanted =
        schemaPattern == null || schemaPattern.isEmpty() || schemaPattern.equals("%");
    List<Object[]> rows = new ArrayList<>();
    if (builtInsWanted) {
      for (FunctionCatalog.Function function : functions.functions()) {
        if (names.matcher(function.name()).matches()) {
          rows.add(
              new Object[] {
                null,
                null,
                function.name(),
                function.remarks(),
                (short) function.functionType(),
                function.specificName()
              });
        }
      }
    }
    return FUNCTIONS.result(connectionId, statementId, rows);
  }

  /**
   * getFunctionColumns: the parameters and return value of each function {@link #functions} lists, in
   * the order JDBC asks (function, specific name, then position; the return value has position 0).
   */
  Meta.MetaResultSet functionColumns(
      String connectionId,
      int statementId,
      String schemaPattern,
      String functionPattern,
      String columnPattern) {
    Pattern names = likePattern(functionPattern);
    Pattern columns = likePattern(columnPattern);
    boolean builtInsWanted =
        schemaPattern == null || schemaPattern.isEmpty() || schemaPattern.equals("%");
    List<Object[]> rows = new ArrayList<>();
    for (FunctionCatalog.Function function :
        builtInsWanted ? functions.functions() : List.<FunctionCatalog.Function>of()) {
      if (!names.matcher(function.name()).matches()) {
        continue;
      }
      int position = 0;
      for (FunctionColumn column : function.columns()) {
        boolean isReturn = column.columnType() == DatabaseMetaData.functionReturn;
        int ordinal = isReturn ? 0 : ++position;
        if (columns.matcher(column.name()).matches()) {
          rows.add(
              new Object[] {
                null,
                null,
                function.name(),
                column.name(),
                column.columnType(),
                column.jdbcType(),
                column.typeName(),
                null,
                null,
                null,
                null,
                (short) DatabaseMetaData.functionNullable,
                column.remarks(),
                null,
                ordinal,
                "YES",
                function.specificName()
              });
        }
      }
    }
    return FUNCTION_COLUMNS.result(connectionId, statementId, rows);
  }

  /** TABLE for the catalog's tables, VIEW for its views. */
  Meta.MetaResultSet tableTypes(String connectionId, int statementId) {
    List<Object[]> rows = new ArrayList<>();
    CatalogBrowser.TABLE_TYPES.forEach(type -> rows.add(new Object[] {type}));
    return TABLE_TYPES.result(connectionId, statementId, rows);
  }

  Meta.MetaResultSet typeInfo(String connectionId, int statementId) {
    List<Object[]> rows = new ArrayList<>();
    for (SqlTypeName name : CatalogBrowser.TYPES) {
      boolean numeric = name.getFamily() == SqlTypeFamily.NUMERIC;
      boolean text = name == SqlTypeName.CHAR || name == SqlTypeName.VARCHAR;
      rows.add(
          new Object[] {
            name.getName(),
            name.getJdbcOrdinal(),
            browser.maxPrecision(name),
            text ? "'" : null,
            text ? "'" : null,
            name.allowsPrec() ? "precision" + (name.allowsScale() ? ",scale" : "") : null,
            (short) DatabaseMetaData.typeNullable,
            text,
            (short) DatabaseMetaData.typeSearchable,
            !numeric,
            false,
            false,
            name.getName(),
            (short) 0,
            (short) (name == SqlTypeName.DECIMAL ? 38 : 0),
            null,
            null,
            numeric ? 10 : null
          });
    }
    return TYPE_INFO.result(connectionId, statementId, rows);
  }

  /**
   * An empty result for the metadata calls Scry has nothing to say about (keys, privileges …), with the
   * specification's columns for the call (Avatica names the call by its row class).
   */
  Meta.MetaResultSet empty(Class<?> rowClass, String connectionId, int statementId) {
    return MetadataShape.of(rowClass).result(connectionId, statementId, List.of());
  }

  /** A JDBC LIKE pattern ({@code %}, {@code _}, null for all) as a case-insensitive regex. */
  static Pattern likePattern(String like) {
    return CatalogBrowser.likePattern(like);
  }
}
