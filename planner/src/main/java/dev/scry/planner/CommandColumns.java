package dev.scry.planner;

import dev.scry.planner.parser.ddl.ScryDescribeModel;
import dev.scry.planner.parser.ddl.ScryShowModels;
import dev.scry.planner.parser.ddl.ScryShowSchemas;
import dev.scry.planner.parser.ddl.ScryShowTables;
import java.util.List;
import org.apache.calcite.sql.SqlDescribeTable;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.type.SqlTypeName;

/** The columns each kind of command returns; DDL returns none. */
final class CommandColumns {
  static final List<ResultColumn> SHOW_SCHEMAS = List.of(ResultColumn.varchar("schema_name"));
  static final List<ResultColumn> SHOW_TABLES = List.of(ResultColumn.varchar("table_name"),
      ResultColumn.varchar("schema_name"), ResultColumn.varchar("table_type"), ResultColumn.varchar("format"),
      ResultColumn.varchar("location"));
  static final List<ResultColumn> SHOW_MODELS = List.of(ResultColumn.varchar("model_name"),
      new ResultColumn("latest_version", SqlTypeName.INTEGER), ResultColumn.varchar("description"),
      ResultColumn.varchar("source"));
  static final List<ResultColumn> DESCRIBE_TABLE = List.of(ResultColumn.varchar("column_name"),
      ResultColumn.varchar("data_type"), ResultColumn.varchar("is_nullable"));
  static final List<ResultColumn> DESCRIBE_MODEL = List.of(ResultColumn.varchar("kind"),
      ResultColumn.varchar("name"), ResultColumn.varchar("onnx_type"), ResultColumn.varchar("shape"),
      ResultColumn.varchar("sql_type"), ResultColumn.varchar("detail"));

  private CommandColumns() {}

  static List<ResultColumn> of(SqlNode node) {
    if (node instanceof ScryShowSchemas) {
      return SHOW_SCHEMAS;
    }
    if (node instanceof ScryShowTables) {
      return SHOW_TABLES;
    }
    if (node instanceof ScryShowModels) {
      return SHOW_MODELS;
    }
    if (node instanceof SqlDescribeTable) {
      return DESCRIBE_TABLE;
    }
    if (node instanceof ScryDescribeModel) {
      return DESCRIBE_MODEL;
    }
    return List.of();
  }
}
