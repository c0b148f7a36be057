package dev.scry.planner.ddl;

import dev.scry.planner.CommandPlan;
import dev.scry.planner.CommandResult;
import dev.scry.planner.ResultColumn;
import dev.scry.planner.SessionState;
import dev.scry.planner.catalog.Catalog;
import dev.scry.planner.catalog.CatalogSnapshot;
import dev.scry.planner.catalog.ModelRegistry;
import dev.scry.planner.parser.ddl.ScryDescribeModel;
import java.util.List;
import java.util.Objects;

/** DESCRIBE MODEL name, 'name:2' or 'name@alias': the rows {@link ModelDescription} makes of the model's signature. */
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
          services -> new DescribeModelCommand(services.catalog(), services.models()));

  private final Catalog catalog;
  private final ModelRegistry models;

  DescribeModelCommand(Catalog catalog, ModelRegistry models) {
    this.catalog = Objects.requireNonNull(catalog, "catalog");
    this.models = Objects.requireNonNull(models, "models");
  }

  @Override
  public CommandResult execute(ScryDescribeModel describe, CommandPlan plan, SessionState session) {
    CatalogSnapshot snapshot = catalog.snapshot();
    ModelRegistry.ResolvedModel model = models.forStatement(snapshot).resolve(describe.modelName());
    // A URI is described as it is: it has no catalog entry, hence no aliases.
    List<String> aliases =
        snapshot
            .model(model.version().name())
            .filter(entry -> model.version().version() > 0)
            .map(entry -> entry.aliasesOf(model.version().version()))
            .orElseGet(List::of);
    return CommandResult.rows(COLUMNS, ModelDescription.rows(model, aliases));
  }
}
