package dev.scry.planner.parser.ddl;

import java.util.List;
import java.util.Objects;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlNodeList;
import org.apache.calcite.sql.SqlOperator;
import org.apache.calcite.sql.SqlSpecialOperator;
import org.apache.calcite.sql.SqlWriter;
import org.apache.calcite.sql.parser.SqlParserPos;

/**
 * {@code INSERT OVERWRITE [TABLE] name [PARTITION (col = literal, ...)] [(col, ...)] query}, Spark's
 * form: the query's rows replace the whole table, or the one partition the PARTITION clause names.
 */
public final class ScryInsertOverwrite extends SqlCall {
  public static final SqlOperator OPERATOR =
      new SqlSpecialOperator("INSERT OVERWRITE", SqlKind.OTHER);

  private final SqlIdentifier table;
  private final SqlNodeList partition;
  private final SqlNodeList columns;
  private final SqlNode source;

  /**
   * @param partition {@link ScryPartitionValue}s; empty to overwrite the whole table
   * @param columns simple identifiers naming the columns the query gives; empty for all, in order
   */
  public ScryInsertOverwrite(
      SqlParserPos pos,
      SqlIdentifier table,
      SqlNodeList partition,
      SqlNodeList columns,
      SqlNode source) {
    super(pos);
    this.table = Objects.requireNonNull(table, "table");
    this.partition = Objects.requireNonNull(partition, "partition");
    this.columns = Objects.requireNonNull(columns, "columns");
    this.source = Objects.requireNonNull(source, "source");
    for (SqlNode value : partition) {
      if (!(value instanceof ScryPartitionValue)) {
        throw new IllegalArgumentException("not a partition value: " + value);
      }
    }
  }

  public SqlIdentifier table() {
    return table;
  }

  /** The PARTITION clause's {@link ScryPartitionValue}s; empty when the whole table is replaced. */
  public List<ScryPartitionValue> partition() {
    return partition.stream().map(ScryPartitionValue.class::cast).toList();
  }

  public SqlNodeList columns() {
    return columns;
  }

  public SqlNode source() {
    return source;
  }

  @Override
  public SqlOperator getOperator() {
    return OPERATOR;
  }

  @Override
  public List<SqlNode> getOperandList() {
    return List.of(table, partition, columns, source);
  }

  @Override
  public void unparse(SqlWriter writer, int leftPrec, int rightPrec) {
    writer.keyword("INSERT OVERWRITE TABLE");
    table.unparse(writer, 0, 0);
    if (!partition.isEmpty()) {
      writer.keyword("PARTITION");
      Unparsing.parenthesized(writer, partition);
    }
    if (!columns.isEmpty()) {
      Unparsing.parenthesized(writer, columns);
    }
    writer.newlineAndIndent();
    source.unparse(writer, 0, 0);
  }
}
