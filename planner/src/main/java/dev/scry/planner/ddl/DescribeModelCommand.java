package dev.scry.planner.ddl;

import dev.scry.planner.CommandPlan;
import dev.scry.planner.CommandResult;
import dev.scry.planner.ResultColumn;
import dev.scry.planner.SessionState;
import dev.scry.planner.catalog.ModelRegistry;
import dev.scry.planner.parser.ddl.ScryDescribeModel;
import java.util.List;
import java.util.Objects;

/** DESCRIBE MODEL name[.version]: the rows {@link ModelDescription} makes of the model's signature. */
final class DescribeModelCommand implements CommandHandler<ScryDescribeModel> {
  static final List<ResultColumn> COLUMNS =
      List.of(
          ResultColumn.varchar("kind"),
          ResultColumn.varchar("name"),
          ResultColumn.varchar("onnx_type"),
          ResultColumn.varchar("shape"),
          ResultColumn.varchar("sql_type"),
          ResultColumn.varchar("detail"));
  static final StatementKind<ScryDescribeModel> KIND =
      new StatementKind<>(
          ScryDescribeModel.class,
          COLUMNS,
          services -> new DescribeModelCommand(services.models()));

  private final ModelRegistry models;

  DescribeModelCommand(ModelRegistry models) {
    this.models = Objects.requireNonNull(models, "models");
  }

  @Override
  public CommandResult execute(ScryDescribeModel describe, CommandPlan plan, SessionState session) {
    return CommandResult.rows(COLUMNS, ModelDescription.rows(models.resolve(describe.modelName())));
  }
}
