package dev.scry.planner.parser.ddl;

import dev.scry.planner.catalog.TableFormat;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.apache.calcite.sql.SqlCreate;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlLiteral;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlNodeList;
import org.apache.calcite.sql.SqlOperator;
import org.apache.calcite.sql.SqlSpecialOperator;
import org.apache.calcite.sql.SqlWriter;
import org.apache.calcite.sql.parser.SqlParserPos;

/**
 * {@code CREATE TABLE [IF NOT EXISTS] name [STORED AS format] [PARTITIONED BY (col, ...)]
 * [OPTIONS (...)] [LOCATION 'uri'] AS query}: a managed table, written under the warehouse from the
 * query's rows; LOCATION (Delta tables only) puts it elsewhere.
 */
public final class ScryCreateTableAs extends SqlCreate {
  public static final SqlOperator OPERATOR =
      new SqlSpecialOperator("CREATE TABLE AS", SqlKind.CREATE_TABLE);

  private final SqlIdentifier name;
  private final SqlLiteral format;
  private final TableClauses clauses;
  private final SqlNode query;
  private final SqlLiteral location;

  /**
   * @param format a symbol literal holding a {@link TableFormat}, or null to use the default format
   * @param partitionColumns simple identifiers; may be empty
   * @param options {@link ScryTableOption}s; may be empty
   */
  public ScryCreateTableAs(
      SqlParserPos pos,
      boolean ifNotExists,
      SqlIdentifier name,
      SqlLiteral format,
      SqlNodeList partitionColumns,
      SqlNodeList options,
      SqlNode query) {
    this(pos, ifNotExists, name, format, partitionColumns, options, null, query);
  }

  /** @param location a character literal holding the table's URI, or null for the warehouse */
  public ScryCreateTableAs(
      SqlParserPos pos,
      boolean ifNotExists,
      SqlIdentifier name,
      SqlLiteral format,
      SqlNodeList partitionColumns,
      SqlNodeList options,
      SqlLiteral location,
      SqlNode query) {
    super(OPERATOR, pos, false, ifNotExists);
    this.location = location;
    this.name = Objects.requireNonNull(name, "name");
    this.format = format;
    this.clauses = new TableClauses(partitionColumns, options);
    this.query = Objects.requireNonNull(query, "query");
    if (format != null) {
      format.getValueAs(TableFormat.class);
    }
  }

  public SqlIdentifier name() {
    return name;
  }

  public boolean ifNotExists() {
    return ifNotExists;
  }

  /** The format from STORED AS; empty when the statement leaves it to the warehouse default. */
  public Optional<TableFormat> format() {
    return Optional.ofNullable(format).map(f -> f.getValueAs(TableFormat.class));
  }

  public SqlNodeList partitionColumns() {
    return clauses.partitionColumns();
  }

  public List<String> partitionColumnNames() {
    return clauses.partitionColumnNames();
  }

  public SqlNodeList options() {
    return clauses.options();
  }

  /** Option keys (as written) to values, in the order written. */
  public Map<String, String> optionMap() {
    return clauses.optionMap();
  }

  public SqlNode query() {
    return query;
  }

  /** The LOCATION's URI as written; empty when the table goes under the warehouse. */
  public Optional<String> locationUri() {
    return Optional.ofNullable(location).map(l -> l.getValueAs(String.class));
  }

  @Override
  public List<SqlNode> getOperandList() {
    // Arrays.asList: the format may be null.
    return Arrays.asList(
        name, format, clauses.partitionColumns(), clauses.options(), location, query);
  }

  @Override
  public void unparse(SqlWriter writer, int leftPrec, int rightPrec) {
    writer.keyword("CREATE TABLE");
    Unparsing.ifNotExists(writer, ifNotExists);
    name.unparse(writer, leftPrec, rightPrec);
    if (format != null) {
      writer.keyword("STORED AS");
      writer.keyword(format.getValueAs(TableFormat.class).name());
    }
    clauses.unparsePartitioningAndOptions(writer);
    if (location != null) {
      writer.keyword("LOCATION");
      location.unparse(writer, 0, 0);
    }
    writer.keyword("AS");
    writer.newlineAndIndent();
    query.unparse(writer, 0, 0);
  }
}
