package dev.scry.planner.parser.ddl;

import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlLiteral;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlNodeList;
import org.apache.calcite.sql.SqlWriter;

/** Small pieces of SQL writing shared by the statements. */
final class Unparsing {
  private Unparsing() {}

  /** Writes {@code (a, b, c)}. */
  static void parenthesized(SqlWriter writer, SqlNodeList items) {
    SqlWriter.Frame frame = writer.startList("(", ")");
    for (SqlNode item : items) {
      writer.sep(",");
      item.unparse(writer, 0, 0);
    }
    writer.endList(frame);
  }

  /** Writes {@code IF NOT EXISTS} when asked to. */
  static void ifNotExists(SqlWriter writer, boolean ifNotExists) {
    if (ifNotExists) {
      writer.keyword("IF NOT EXISTS");
    }
  }

  /** Writes {@code IF EXISTS} when asked to. */
  static void ifExists(SqlWriter writer, boolean ifExists) {
    if (ifExists) {
      writer.keyword("IF EXISTS");
    }
  }

  /** Text of a string literal or identifier, as written. */
  static String text(SqlNode node) {
    if (node instanceof SqlIdentifier id) {
      return id.toString();
    }
    return ((SqlLiteral) node).getValueAs(String.class);
  }
}
