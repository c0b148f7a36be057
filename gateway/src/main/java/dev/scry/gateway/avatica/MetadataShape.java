package dev.scry.gateway.avatica;

import dev.scry.planner.operator.ScryTypeSystem;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.apache.calcite.avatica.ColumnMetaData;
import org.apache.calcite.avatica.Meta;
import org.apache.calcite.avatica.MetaImpl;
import org.apache.calcite.jdbc.JavaTypeFactoryImpl;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.sql.type.SqlTypeName;

/**
 * The columns of one {@code DatabaseMetaData} result set as the JDBC specification gives them. Names,
 * order and types follow Avatica's row class for the call (its fields are the specification's columns,
 * in order); a column may hold NULL where the specification says "may be null" (and where the row class
 * boxes a number); everything else is declared NOT NULL. Types are described as query results are
 * ({@link JdbcTypes#column}): signed numbers, precision, display size and class name, so a tool that
 * reads a cell with {@code getObject}, {@code getString} or the typed getter gets what JDBC promises.
 */
final class MetadataShape {
  /**
   * Text columns the specification lets be NULL in every result set that has them, besides the
   * catalog and schema columns (any name ending in _CAT, _SCHEM, _CATALOG or _SCHEMA).
   */
  private static final Set<String> MAY_BE_NULL =
      Set.of(
          "REMARKS",
          "COLUMN_DEF",
          "ATTR_DEF",
          "SELF_REFERENCING_COL_NAME",
          "REF_GENERATION",
          "SCOPE_TABLE",
          "LITERAL_PREFIX",
          "LITERAL_SUFFIX",
          "CREATE_PARAMS",
          "LOCAL_TYPE_NAME",
          "GRANTOR",
          "IS_GRANTABLE",
          "FK_NAME",
          "PK_NAME",
          "INDEX_QUALIFIER",
          "INDEX_NAME",
          "ASC_OR_DESC",
          "FILTER_CONDITION",
          "FUTURE_USE1",
          "FUTURE_USE2",
          "FUTURE_USE3");

  /** Columns that may be NULL in one result set only (getTables' TYPE_NAME, getIndexInfo's COLUMN_NAME). */
  private static final Map<Class<?>, Set<String>> MAY_BE_NULL_IN =
      Map.of(
          MetaImpl.MetaTable.class, Set.of("TYPE_NAME"),
          MetaImpl.MetaIndexInfo.class, Set.of("COLUMN_NAME"));

  private static final RelDataTypeFactory TYPES = new JavaTypeFactoryImpl(ScryTypeSystem.INSTANCE);

  private final List<ColumnMetaData> columns;

  private MetadataShape(List<ColumnMetaData> columns) {
    this.columns = List.copyOf(columns);
  }

  /** The shape of the result set whose rows Avatica models with {@code rowClass} (e.g. MetaTable). */
  static MetadataShape of(Class<?> rowClass) {
    Objects.requireNonNull(rowClass, "rowClass");
    Set<String> alsoNullable = MAY_BE_NULL_IN.getOrDefault(rowClass, Set.of());
    List<ColumnMetaData> columns = new ArrayList<>();
    for (Field field : rowClass.getFields()) {
      if (Modifier.isStatic(field.getModifiers())) {
        continue;
      }
      String label = label(field.getName());
      boolean nullable =
          !field.getType().isPrimitive()
              && (field.getType() != String.class
                  || mayBeNull(label)
                  || alsoNullable.contains(label));
      RelDataType type =
          TYPES.createTypeWithNullability(TYPES.createSqlType(sqlType(field)), nullable);
      columns.add(JdbcTypes.column(columns.size(), label, type));
    }
    return new MetadataShape(columns);
  }

  List<ColumnMetaData> columns() {
    return columns;
  }

  /** A result set of this shape holding {@code rows}, whose cells are in column order. */
  Meta.MetaResultSet result(String connectionId, int statementId, List<Object[]> rows) {
    Meta.Signature signature =
        Meta.Signature.create(
            columns, "", List.of(), Meta.CursorFactory.ARRAY, Meta.StatementType.SELECT);
    Meta.Frame frame =
        rows.isEmpty() ? Meta.Frame.EMPTY : Meta.Frame.create(0, true, new ArrayList<>(rows));
    return Meta.MetaResultSet.create(connectionId, statementId, true, signature, frame);
  }

  /** JDBC's column label for an Avatica field: {@code tableSchem} is TABLE_SCHEM. */
  private static String label(String fieldName) {
    return fieldName.replaceAll("([a-z])([A-Z])", "$1_$2").toUpperCase(Locale.ROOT);
  }

  private static boolean mayBeNull(String label) {
    return label.endsWith("_CAT")
        || label.endsWith("_SCHEM")
        || label.endsWith("_CATALOG")
        || label.endsWith("_SCHEMA")
        || MAY_BE_NULL.contains(label);
  }

  private static SqlTypeName sqlType(Field field) {
    Class<?> type = field.getType();
    if (type == int.class || type == Integer.class) {
      return SqlTypeName.INTEGER;
    } else if (type == short.class || type == Short.class) {
      return SqlTypeName.SMALLINT;
    } else if (type == long.class || type == Long.class) {
      return SqlTypeName.BIGINT;
    } else if (type == boolean.class || type == Boolean.class) {
      return SqlTypeName.BOOLEAN;
    } else if (type == String.class) {
      return SqlTypeName.VARCHAR;
    }
    throw new IllegalArgumentException("No JDBC type for metadata field " + field);
  }
}
