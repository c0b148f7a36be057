package dev.scry.gateway.avatica;

import dev.scry.planner.catalog.Catalog;
import dev.scry.planner.catalog.CatalogSnapshot;
import dev.scry.planner.catalog.ColumnDefinition;
import dev.scry.planner.catalog.ColumnTypes;
import dev.scry.planner.catalog.TableDefinition;
import dev.scry.planner.sql.ScryTypeSystem;
import java.sql.DatabaseMetaData;
import java.sql.Types;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;
import org.apache.calcite.avatica.ColumnMetaData;
import org.apache.calcite.avatica.Meta;
import org.apache.calcite.avatica.MetaImpl;
import org.apache.calcite.jdbc.JavaTypeFactoryImpl;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.sql.SqlFunctionCategory;
import org.apache.calcite.sql.type.SqlTypeName;

/**
 * Answers DatabaseMetaData calls (catalogs, schemas, tables, columns, types) from the catalog alone,
 * without running a Spark job. Results are small: they travel in one frame.
 */
public final class CatalogMetadata {
  private static final String TABLE = "TABLE";
  /**
   * The table type through which the Scry driver asks for {@code getFunctions}: Avatica's protocol has
   * no functions request and its client answers getFunctions with an empty result, so the driver sends
   * a tables request whose only type is this marker. The driver holds the same text.
   */
  static final String FUNCTIONS_REQUEST_TYPE = "scry:FUNCTION";
  private final Catalog catalog;
  private final FunctionCatalog functions;
  private final RelDataTypeFactory typeFactory = new JavaTypeFactoryImpl(ScryTypeSystem.INSTANCE);

  public CatalogMetadata(Catalog catalog) {
    this(catalog, FunctionCatalog.scry());
  }

  public CatalogMetadata(Catalog catalog, FunctionCatalog functions) {
    this.catalog = Objects.requireNonNull(catalog, "catalog");
    this.functions = Objects.requireNonNull(functions, "functions");
  }

  Map<Meta.DatabaseProperty, Object> databaseProperties() {
    Map<Meta.DatabaseProperty, Object> properties = new EnumMap<>(Meta.DatabaseProperty.class);
    properties.put(Meta.DatabaseProperty.GET_DEFAULT_TRANSACTION_ISOLATION, java.sql.Connection.TRANSACTION_NONE);
    properties.put(Meta.DatabaseProperty.GET_NUMERIC_FUNCTIONS, functions.scalarNames(SqlFunctionCategory.NUMERIC));
    properties.put(Meta.DatabaseProperty.GET_STRING_FUNCTIONS, functions.scalarNames(SqlFunctionCategory.STRING));
    properties.put(Meta.DatabaseProperty.GET_TIME_DATE_FUNCTIONS, functions.scalarNames(SqlFunctionCategory.TIMEDATE));
    properties.put(Meta.DatabaseProperty.GET_SYSTEM_FUNCTIONS, functions.scalarNames(SqlFunctionCategory.SYSTEM));
    return properties;
  }

  Meta.MetaResultSet catalogs(String connectionId, int statementId) {
    return result(connectionId, statementId, List.of(text("TABLE_CAT")), List.of());
  }

  Meta.MetaResultSet schemas(String connectionId, int statementId, String schemaPattern) {
    Pattern schemas = likePattern(schemaPattern);
    List<Object[]> rows = new ArrayList<>();
    for (CatalogSnapshot.SchemaEntry schema : catalog.snapshot().sortedSchemas()) {
      if (schemas.matcher(schema.name()).matches()) {
        rows.add(new Object[] {schema.name(), null});
      }
    }
    return result(connectionId, statementId, List.of(text("TABLE_SCHEM"), text("TABLE_CATALOG")), rows);
  }

  Meta.MetaResultSet tables(String connectionId, int statementId, String schemaPattern, String tablePattern,
      List<String> types) {
    if (types != null && types.size() == 1 && FUNCTIONS_REQUEST_TYPE.equals(types.get(0))) {
      return functions(connectionId, statementId, schemaPattern, tablePattern);
    }
    List<Object[]> rows = new ArrayList<>();
    boolean wantTables = types == null || types.stream().anyMatch(TABLE::equalsIgnoreCase);
    if (wantTables) {
      for (TableDefinition table : matchingTables(schemaPattern, tablePattern)) {
        rows.add(new Object[] {null, table.schema(), table.name(), TABLE, "", null, null, null, null, null});
      }
    }
    return result(connectionId, statementId, List.of(text("TABLE_CAT"), text("TABLE_SCHEM"), text("TABLE_NAME"),
        text("TABLE_TYPE"), text("REMARKS"), text("TYPE_CAT"), text("TYPE_SCHEM"), text("TYPE_NAME"),
        text("SELF_REFERENCING_COL_NAME"), text("REF_GENERATION")), rows);
  }

  Meta.MetaResultSet columns(String connectionId, int statementId, String schemaPattern, String tablePattern,
      String columnPattern) {
    Pattern columns = likePattern(columnPattern);
    List<Object[]> rows = new ArrayList<>();
    for (TableDefinition table : matchingTables(schemaPattern, tablePattern)) {
      int ordinal = 0;
      for (ColumnDefinition column : table.columns()) {
        ordinal++;
        if (!columns.matcher(column.name()).matches()) {
          continue;
        }
        RelDataType type = ColumnTypes.toRelDataType(column.type(), column.nullable(), typeFactory);
        SqlTypeName name = type.getSqlTypeName();
        Integer size = JdbcTypes.columnSize(type);
        Integer digits = name == SqlTypeName.DECIMAL ? type.getScale() : null;
        Integer radix = name.getFamily() == org.apache.calcite.sql.type.SqlTypeFamily.NUMERIC ? 10 : null;
        rows.add(new Object[] {null, table.schema(), table.name(), column.name(),
            type.getComponentType() != null ? Types.ARRAY : name.getJdbcOrdinal(), JdbcTypes.typeName(type), size,
            null, digits, radix,
            column.nullable() ? DatabaseMetaData.columnNullable : DatabaseMetaData.columnNoNulls,
            "", null, null, null, name == SqlTypeName.VARCHAR || name == SqlTypeName.CHAR ? size : null,
            ordinal, column.nullable() ? "YES" : "NO", null, null, null, null, "NO", "NO"});
      }
    }
    return result(connectionId, statementId, List.of(text("TABLE_CAT"), text("TABLE_SCHEM"), text("TABLE_NAME"),
        text("COLUMN_NAME"), integer("DATA_TYPE"), text("TYPE_NAME"), integer("COLUMN_SIZE"),
        integer("BUFFER_LENGTH"), integer("DECIMAL_DIGITS"), integer("NUM_PREC_RADIX"), integer("NULLABLE"),
        text("REMARKS"), text("COLUMN_DEF"), integer("SQL_DATA_TYPE"), integer("SQL_DATETIME_SUB"),
        integer("CHAR_OCTET_LENGTH"), integer("ORDINAL_POSITION"), text("IS_NULLABLE"), text("SCOPE_CATALOG"),
        text("SCOPE_SCHEMA"), text("SCOPE_TABLE"), smallint("SOURCE_DATA_TYPE"), text("IS_AUTOINCREMENT"),
        text("IS_GENERATEDCOLUMN")), rows);
  }

  /**
   * getFunctions: the built-in functions, which belong to no schema (FUNCTION_SCHEM null). They are
   * listed when the schema pattern is null (any), empty (no schema) or {@code %}; a pattern naming a
   * schema matches none of them.
   */
  Meta.MetaResultSet functions(String connectionId, int statementId, String schemaPattern,
      String functionPattern) {
    Pattern names = likePattern(functionPattern);
    boolean builtInsWanted = schemaPattern == null || schemaPattern.isEmpty() || schemaPattern.equals("%");
    List<Object[]> rows = new ArrayList<>();
    if (builtInsWanted) {
      for (FunctionCatalog.Function function : functions.functions()) {
        if (names.matcher(function.name()).matches()) {
          rows.add(new Object[] {null, null, function.name(), function.remarks(), (short) function.functionType(),
              function.specificName()});
        }
      }
    }
    return result(connectionId, statementId, List.of(text("FUNCTION_CAT"), text("FUNCTION_SCHEM"),
        text("FUNCTION_NAME"), text("REMARKS"), smallint("FUNCTION_TYPE"), text("SPECIFIC_NAME")), rows);
  }

  /** TABLE for the catalog's tables; VIEW, which BI tools ask for by name, has no members yet. */
  Meta.MetaResultSet tableTypes(String connectionId, int statementId) {
    return result(connectionId, statementId, List.of(text("TABLE_TYPE")),
        List.of(new Object[] {TABLE}, new Object[] {"VIEW"}));
  }

  Meta.MetaResultSet typeInfo(String connectionId, int statementId) {
    List<Object[]> rows = new ArrayList<>();
    for (SqlTypeName name : List.of(SqlTypeName.BOOLEAN, SqlTypeName.TINYINT, SqlTypeName.SMALLINT,
        SqlTypeName.INTEGER, SqlTypeName.BIGINT, SqlTypeName.DECIMAL, SqlTypeName.REAL, SqlTypeName.DOUBLE,
        SqlTypeName.CHAR, SqlTypeName.VARCHAR, SqlTypeName.DATE, SqlTypeName.TIMESTAMP, SqlTypeName.ARRAY)) {
      boolean numeric = name.getFamily() == org.apache.calcite.sql.type.SqlTypeFamily.NUMERIC;
      boolean text = name == SqlTypeName.CHAR || name == SqlTypeName.VARCHAR;
      rows.add(new Object[] {name.getName(), name.getJdbcOrdinal(), maxPrecision(name, typeFactory),
          text ? "'" : null, text ? "'" : null, name.allowsPrec() ? "precision" + (name.allowsScale() ? ",scale" : "") : null,
          (short) DatabaseMetaData.typeNullable, text, (short) DatabaseMetaData.typeSearchable, !numeric, false,
          false, name.getName(), (short) 0, (short) (name == SqlTypeName.DECIMAL ? 38 : 0), null, null,
          numeric ? 10 : null});
    }
    return result(connectionId, statementId, List.of(text("TYPE_NAME"), integer("DATA_TYPE"), integer("PRECISION"),
        text("LITERAL_PREFIX"), text("LITERAL_SUFFIX"), text("CREATE_PARAMS"), smallint("NULLABLE"),
        bool("CASE_SENSITIVE"), smallint("SEARCHABLE"), bool("UNSIGNED_ATTRIBUTE"), bool("FIXED_PREC_SCALE"),
        bool("AUTO_INCREMENT"), text("LOCAL_TYPE_NAME"), smallint("MINIMUM_SCALE"), smallint("MAXIMUM_SCALE"),
        integer("SQL_DATA_TYPE"), integer("SQL_DATETIME_SUB"), integer("NUM_PREC_RADIX")), rows);
  }

  /**
   * An empty result for the metadata calls Scry has nothing to say about (keys, privileges …), with the
   * columns JDBC names for the call, typed after the fields of Avatica's row class.
   */
  <E> Meta.MetaResultSet empty(Class<E> rowClass, String connectionId, int statementId) {
    List<ColumnMetaData> columns = new ArrayList<>();
    var fields = Arrays.stream(rowClass.getFields())
        .filter(f -> !java.lang.reflect.Modifier.isStatic(f.getModifiers())).toList();
    for (int i = 0; i < fields.size(); i++) {
      String label = fields.get(i).getName().replaceAll("([a-z])([A-Z])", "$1_$2").toUpperCase(Locale.ROOT);
      columns.add(MetaImpl.columnMetaData(label, i, fields.get(i).getType(), true));
    }
    Meta.Signature signature = Meta.Signature.create(columns, "", List.of(), Meta.CursorFactory.ARRAY,
        Meta.StatementType.SELECT);
    return Meta.MetaResultSet.create(connectionId, statementId, true, signature, Meta.Frame.EMPTY);
  }

  private List<TableDefinition> matchingTables(String schemaPattern, String tablePattern) {
    Pattern schemas = likePattern(schemaPattern);
    Pattern tables = likePattern(tablePattern);
    CatalogSnapshot snapshot = catalog.snapshot();
    List<TableDefinition> matches = new ArrayList<>();
    for (CatalogSnapshot.SchemaEntry schema : snapshot.sortedSchemas()) {
      if (!schemas.matcher(schema.name()).matches()) {
        continue;
      }
      for (TableDefinition table : snapshot.sortedTables(schema.name())) {
        if (tables.matcher(table.name()).matches()) {
          matches.add(table);
        }
      }
    }
    return matches;
  }

  /** The largest COLUMN_SIZE a column of the type may have (getTypeInfo's PRECISION). */
  private static int maxPrecision(SqlTypeName name, RelDataTypeFactory typeFactory) {
    return switch (name) {
      case DECIMAL -> 38;
      case CHAR, VARCHAR -> Integer.MAX_VALUE;
      case ARRAY -> 0;
      default -> {
        Integer size = JdbcTypes.columnSize(typeFactory.createSqlType(name));
        yield size == null ? 0 : size;
      }
    };
  }

  /** A JDBC LIKE pattern ({@code %}, {@code _}, null for all) as a case-insensitive regex. */
  static Pattern likePattern(String like) {
    if (like == null) {
      return Pattern.compile(".*", Pattern.DOTALL);
    }
    StringBuilder regex = new StringBuilder();
    for (int i = 0; i < like.length(); i++) {
      char c = like.charAt(i);
      if (c == '\\' && i + 1 < like.length()) {
        regex.append(Pattern.quote(String.valueOf(like.charAt(++i))));
      } else if (c == '%') {
        regex.append(".*");
      } else if (c == '_') {
        regex.append('.');
      } else {
        regex.append(Pattern.quote(String.valueOf(c)));
      }
    }
    return Pattern.compile(regex.toString(), Pattern.CASE_INSENSITIVE | Pattern.DOTALL);
  }

  private static Meta.MetaResultSet result(String connectionId, int statementId, List<ColumnMetaData> columns,
      List<Object[]> rows) {
    List<ColumnMetaData> numbered = new ArrayList<>();
    for (int i = 0; i < columns.size(); i++) {
      ColumnMetaData c = columns.get(i);
      numbered.add(column(i, c.label, c.type.id, c.type.name, c.type.rep));
    }
    Meta.Signature signature = Meta.Signature.create(numbered, "", List.of(), Meta.CursorFactory.ARRAY,
        Meta.StatementType.SELECT);
    return Meta.MetaResultSet.create(connectionId, statementId, true, signature,
        Meta.Frame.create(0, true, new ArrayList<>(rows)));
  }

  /**
   * A metadata column. Numbers are declared signed: Avatica's client reads an unsigned INTEGER column
   * through an unsigned accessor, whose getObject fails on negative values such as TINYINT's type code -6.
   */
  private static ColumnMetaData column(int ordinal, String label, int jdbcType, String typeName,
      ColumnMetaData.Rep rep) {
    boolean number = rep == ColumnMetaData.Rep.INTEGER || rep == ColumnMetaData.Rep.SHORT;
    String className = switch (rep) {
      case INTEGER -> Integer.class.getName();
      case SHORT -> Short.class.getName();
      case BOOLEAN -> Boolean.class.getName();
      default -> String.class.getName();
    };
    return new ColumnMetaData(ordinal, false, true, false, false, DatabaseMetaData.columnNullable, number, 0, label,
        label, null, 0, 0, null, null, ColumnMetaData.scalar(jdbcType, typeName, rep), true, false, false,
        className);
  }

  private static ColumnMetaData text(String label) {
    return column(0, label, Types.VARCHAR, "VARCHAR", ColumnMetaData.Rep.STRING);
  }

  private static ColumnMetaData integer(String label) {
    return column(0, label, Types.INTEGER, "INTEGER", ColumnMetaData.Rep.INTEGER);
  }

  private static ColumnMetaData smallint(String label) {
    return column(0, label, Types.SMALLINT, "SMALLINT", ColumnMetaData.Rep.SHORT);
  }

  private static ColumnMetaData bool(String label) {
    return column(0, label, Types.BOOLEAN, "BOOLEAN", ColumnMetaData.Rep.BOOLEAN);
  }
}
