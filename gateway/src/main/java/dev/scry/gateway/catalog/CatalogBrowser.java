package dev.scry.gateway.catalog;

import dev.scry.planner.catalog.Catalog;
import dev.scry.planner.catalog.CatalogSnapshot;
import dev.scry.planner.catalog.ColumnDefinition;
import dev.scry.planner.catalog.ColumnType;
import dev.scry.planner.catalog.ColumnTypes;
import dev.scry.planner.catalog.TableDefinition;
import dev.scry.planner.catalog.ViewDefinition;
import dev.scry.planner.operator.ScryTypeSystem;
import dev.scry.planner.system.SystemTable;
import dev.scry.planner.system.SystemTables;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;
import org.apache.calcite.jdbc.JavaTypeFactoryImpl;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.sql.type.SqlTypeName;

/**
 * What every protocol's catalog browsing reads from the catalog, whatever shape it answers in (JDBC's
 * DatabaseMetaData over Avatica, Flight SQL's metadata commands): schemas and tables by pattern, a
 * column's SQL type, the table types, the SQL types the gateway offers. Reads the current snapshot
 * only: no Spark job.
 */
public final class CatalogBrowser {
  /** The one table type with members; VIEW, which BI tools ask for by name, has none yet. */
  public static final String TABLE = "TABLE";

  public static final String VIEW = "VIEW";

  /** The gateway's own tables, schema {@code scry} ({@link SystemTables}). */
  public static final String SYSTEM_TABLE = "SYSTEM TABLE";

  public static final List<String> TABLE_TYPES = List.of(SYSTEM_TABLE, TABLE, VIEW);

  /** A table or a view, as the metadata calls list them. */
  public record Relation(String schema, String name, String type, List<ColumnDefinition> columns) {
    public Relation {
      columns = List.copyOf(columns);
    }
  }

  /** The types getTypeInfo lists, in the order JDBC asks (by type code, roughly). */
  public static final List<SqlTypeName> TYPES =
      List.of(
          SqlTypeName.BOOLEAN,
          SqlTypeName.TINYINT,
          SqlTypeName.SMALLINT,
          SqlTypeName.INTEGER,
          SqlTypeName.BIGINT,
          SqlTypeName.DECIMAL,
          SqlTypeName.REAL,
          SqlTypeName.DOUBLE,
          SqlTypeName.CHAR,
          SqlTypeName.VARCHAR,
          SqlTypeName.DATE,
          SqlTypeName.TIMESTAMP,
          SqlTypeName.ARRAY);

  private final Catalog catalog;
  private final RelDataTypeFactory typeFactory = new JavaTypeFactoryImpl(ScryTypeSystem.INSTANCE);

  public CatalogBrowser(Catalog catalog) {
    this.catalog = Objects.requireNonNull(catalog, "catalog");
  }

  public RelDataTypeFactory typeFactory() {
    return typeFactory;
  }

  /** The schemas whose names match the LIKE pattern (null: all), sorted. */
  public List<String> schemas(String schemaPattern) {
    Pattern schemas = likePattern(schemaPattern);
    List<String> names = new ArrayList<>();
    for (CatalogSnapshot.SchemaEntry schema : catalog.snapshot().sortedSchemas()) {
      names.add(schema.name());
    }
    names.add(SystemTables.SCHEMA);
    names.sort(String.CASE_INSENSITIVE_ORDER);
    names.removeIf(name -> !schemas.matcher(name).matches());
    return names;
  }

  /** The tables and views matching both LIKE patterns (null: all), by schema then name. */
  public List<Relation> tables(String schemaPattern, String tablePattern) {
    Pattern schemas = likePattern(schemaPattern);
    Pattern names = likePattern(tablePattern);
    CatalogSnapshot snapshot = catalog.snapshot();
    List<Relation> matches = new ArrayList<>();
    for (CatalogSnapshot.SchemaEntry schema : snapshot.sortedSchemas()) {
      if (!schemas.matcher(schema.name()).matches()) {
        continue;
      }
      List<Relation> inSchema = new ArrayList<>();
      for (TableDefinition table : snapshot.sortedTables(schema.name())) {
        inSchema.add(new Relation(table.schema(), table.name(), TABLE, table.columns()));
      }
      for (ViewDefinition view : snapshot.sortedViews(schema.name())) {
        inSchema.add(new Relation(view.schema(), view.name(), VIEW, view.columns()));
      }
      inSchema.sort(Comparator.comparing(r -> r.name().toLowerCase(Locale.ROOT)));
      inSchema.stream().filter(r -> names.matcher(r.name()).matches()).forEach(matches::add);
    }
    if (schemas.matcher(SystemTables.SCHEMA).matches()) {
      SystemTables.ALL.stream()
          .filter(t -> names.matcher(t.name()).matches())
          .map(CatalogBrowser::relation)
          .forEach(matches::add);
      matches.sort(
          Comparator.comparing((Relation r) -> r.schema().toLowerCase(Locale.ROOT))
              .thenComparing(r -> r.name().toLowerCase(Locale.ROOT)));
    }
    return matches;
  }

  /** A system table as the metadata calls list it: its columns are all nullable. */
  private static Relation relation(SystemTable table) {
    List<ColumnDefinition> columns =
        table.columns().stream()
            .map(c -> new ColumnDefinition(c.name(), ColumnType.of(c.type().getName()), true))
            .toList();
    return new Relation(SystemTables.SCHEMA, table.name(), SYSTEM_TABLE, columns);
  }

  /** The SQL type of a table column, as queries see it. */
  public RelDataType columnType(ColumnDefinition column) {
    return ColumnTypes.toRelDataType(column.type(), column.nullable(), typeFactory);
  }

  /**
   * JDBC's COLUMN_SIZE (and ResultSetMetaData's precision): the maximum precision of numbers, the length
   * of text (unbounded text: Integer.MAX_VALUE), the length of a date or timestamp written out
   * ({@code yyyy-mm-dd hh:mm:ss.ffffff}: Spark keeps microseconds); null where it does not apply.
   */
  public static Integer columnSize(RelDataType type) {
    SqlTypeName name = type.getSqlTypeName();
    return switch (name) {
      case BOOLEAN -> 1;
      case TINYINT -> 3;
      case SMALLINT -> 5;
      case INTEGER -> 10;
      case BIGINT -> 19;
      case REAL -> 7;
      case FLOAT, DOUBLE -> 15;
      case DECIMAL -> type.getPrecision();
      case DATE -> 10;
      case TIMESTAMP -> 26;
      case CHAR, VARCHAR -> type.getPrecision() > 0 ? type.getPrecision() : Integer.MAX_VALUE;
      default -> null;
    };
  }

  /** The largest COLUMN_SIZE a column of the type may have (getTypeInfo's PRECISION). */
  public int maxPrecision(SqlTypeName name) {
    return switch (name) {
      case DECIMAL -> 38;
      case CHAR, VARCHAR -> Integer.MAX_VALUE;
      case ARRAY -> 0;
      default -> {
        Integer size = columnSize(typeFactory.createSqlType(name));
        yield size == null ? 0 : size;
      }
    };
  }

  /** A JDBC LIKE pattern ({@code %}, {@code _}, null for all) as a case-insensitive regex. */
  public static Pattern likePattern(String like) {
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
}
