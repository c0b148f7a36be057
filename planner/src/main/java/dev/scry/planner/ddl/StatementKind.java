package dev.scry.planner.ddl;

import dev.scry.planner.ResultColumn;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;
import org.apache.calcite.sql.SqlNode;

/**
 * One kind of statement as the parser makes it: its class, the columns of the rows it returns (none for
 * a statement that returns an update count), and how its handler is made from the executor's services.
 * Each handler class declares its own kind, so what a statement does and what it returns sit together;
 * the columns are known before any handler exists, since statements are planned before they run.
 */
record StatementKind<T extends SqlNode>(
    Class<T> statement,
    List<ResultColumn> columns,
    Function<CommandServices, CommandHandler<T>> factory) {
  StatementKind {
    Objects.requireNonNull(statement, "statement");
    columns = List.copyOf(columns);
    Objects.requireNonNull(factory, "factory");
  }

  /** A statement that returns no rows. */
  static <T extends SqlNode> StatementKind<T> noRows(
      Class<T> statement, Function<CommandServices, CommandHandler<T>> factory) {
    return new StatementKind<>(statement, List.of(), factory);
  }

  /** This kind's handler over {@code services}, taking any node of this kind. */
  CommandHandler<SqlNode> handler(CommandServices services) {
    CommandHandler<T> handler =
        Objects.requireNonNull(factory.apply(services), statement.getSimpleName());
    return (node, plan, session) -> handler.execute(statement.cast(node), plan, session);
  }
}
