package dev.scry.planner.ddl;

import dev.scry.planner.ResultColumn;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.calcite.sql.SqlNode;

/**
 * Every statement that is not a query, registered here and nowhere else: adding a statement means writing
 * its handler (with its {@code KIND}) and adding one line to {@link #KINDS}. The planner asks this
 * registry for a statement's result columns, the {@link CommandExecutor} for its handler.
 */
public final class Commands {
  static final List<StatementKind<?>> KINDS =
      List.of(
          CreateSchemaCommand.KIND,
          DropSchemaCommand.KIND,
          CreateExternalTableCommand.KIND,
          CreateTableAsCommand.KIND,
          CreateTableCommand.KIND,
          InsertCommand.KIND,
          InsertOverwriteCommand.KIND,
          DropTableCommand.KIND,
          CreateViewCommand.KIND,
          DropViewCommand.KIND,
          ShowCreateViewCommand.KIND,
          CreateModelCommand.KIND,
          DropModelCommand.KIND,
          ShowSchemasCommand.KIND,
          ShowTablesCommand.KIND,
          ShowModelsCommand.KIND,
          DescribeTableCommand.KIND,
          DescribeModelCommand.KIND,
          SetOptionCommand.KIND,
          ExplainCommand.KIND,
          // Issue 17: EXPLAIN ANALYZE and model input drift.
          ExplainAnalyzeCommand.KIND,
          ShowModelDriftCommand.KIND,
          // Model aliases (issue 16, part 2)
          AlterModelAliasCommand.KIND,
          ShowModelVersionsCommand.KIND,
          // Delta table history (issue 16)
          DescribeHistoryCommand.KIND);

  /** By statement class; building it fails at class loading if two kinds claim the same class. */
  private static final Map<Class<?>, StatementKind<?>> BY_CLASS =
      KINDS.stream()
          .collect(Collectors.toUnmodifiableMap(StatementKind::statement, Function.identity()));

  private Commands() {}

  /** The columns of the rows {@code node} returns; none for DDL and for statements that are not supported. */
  public static List<ResultColumn> columns(SqlNode node) {
    return kindOf(node).map(StatementKind::columns).orElse(List.of());
  }

  /**
   * The kind of {@code node}, looked up by its class and then its superclasses, so that a subclass of a
   * registered statement (the parser's or Calcite's) is handled as that statement is.
   */
  static Optional<StatementKind<?>> kindOf(SqlNode node) {
    for (Class<?> type = node.getClass(); type != null; type = type.getSuperclass()) {
      StatementKind<?> kind = BY_CLASS.get(type);
      if (kind != null) {
        return Optional.of(kind);
      }
    }
    return Optional.empty();
  }
}
