package dev.scry.planner.ddl;

import dev.scry.planner.CommandPlan;
import dev.scry.planner.CommandResult;
import dev.scry.planner.ResultColumn;
import dev.scry.planner.SessionState;
import dev.scry.planner.catalog.Catalog;
import dev.scry.planner.catalog.CatalogSnapshot;
import dev.scry.planner.catalog.ModelVersion;
import dev.scry.planner.parser.ddl.ScryShowModels;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.apache.calcite.sql.type.SqlTypeName;

/** SHOW MODELS: each model with its latest version and its aliases, sorted by name. */
final class ShowModelsCommand implements CommandHandler<ScryShowModels> {
  static final List<ResultColumn> COLUMNS =
      List.of(
          ResultColumn.varchar("model_name"),
          new ResultColumn("latest_version", SqlTypeName.INTEGER),
          ResultColumn.varchar("description"),
          ResultColumn.varchar("source"),
          ResultColumn.varchar("aliases"));
  static final StatementKind<ScryShowModels> KIND =
      new StatementKind<>(
          ScryShowModels.class, COLUMNS, services -> new ShowModelsCommand(services.catalog()));

  private final Catalog catalog;

  ShowModelsCommand(Catalog catalog) {
    this.catalog = Objects.requireNonNull(catalog, "catalog");
  }

  @Override
  public CommandResult execute(ScryShowModels show, CommandPlan plan, SessionState session) {
    List<List<Object>> rows = new ArrayList<>();
    for (CatalogSnapshot.ModelEntry model : catalog.snapshot().sortedModels()) {
      ModelVersion latest = model.latest();
      rows.add(
          List.of(
              model.name(),
              latest.version(),
              latest.description(),
              latest.sourceUri(),
              aliases(model)));
    }
    return CommandResult.rows(COLUMNS, rows);
  }

  /** {@code champion=3, challenger=4}: each alias with its version, sorted by alias. */
  private static String aliases(CatalogSnapshot.ModelEntry model) {
    return String.join(
        ", ", model.aliases().stream().map(a -> a.name() + "=" + a.version()).toList());
  }
}
