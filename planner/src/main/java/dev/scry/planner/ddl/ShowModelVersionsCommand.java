package dev.scry.planner.ddl;

import dev.scry.planner.CommandPlan;
import dev.scry.planner.CommandResult;
import dev.scry.planner.ResultColumn;
import dev.scry.planner.SessionState;
import dev.scry.planner.catalog.Catalog;
import dev.scry.planner.catalog.CatalogSnapshot;
import dev.scry.planner.catalog.ModelVersion;
import dev.scry.planner.parser.ddl.ScryShowModelVersions;
import dev.scry.planner.sqlrewrite.PositionedErrors;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.apache.calcite.sql.type.SqlTypeName;

/** SHOW MODEL VERSIONS name: each version, oldest first, with the aliases that point at it. */
final class ShowModelVersionsCommand implements CommandHandler<ScryShowModelVersions> {
  static final List<ResultColumn> COLUMNS =
      List.of(
          new ResultColumn("version", SqlTypeName.INTEGER),
          ResultColumn.varchar("created"),
          ResultColumn.varchar("source"),
          ResultColumn.varchar("checksum"),
          ResultColumn.varchar("aliases"),
          ResultColumn.varchar("description"));
  static final StatementKind<ScryShowModelVersions> KIND =
      new StatementKind<>(
          ScryShowModelVersions.class,
          COLUMNS,
          services -> new ShowModelVersionsCommand(services.catalog()));

  private final Catalog catalog;

  ShowModelVersionsCommand(Catalog catalog) {
    this.catalog = Objects.requireNonNull(catalog, "catalog");
  }

  @Override
  public CommandResult execute(ScryShowModelVersions show, CommandPlan plan, SessionState session) {
    String name = show.model().getSimple();
    CatalogSnapshot.ModelEntry model =
        catalog
            .snapshot()
            .model(name)
            .orElseThrow(
                () ->
                    PositionedErrors.at(
                        show.model().getParserPosition(),
                        "Model '"
                            + name
                            + "' does not exist; SHOW MODELS lists the registered models"));
    List<List<Object>> rows = new ArrayList<>();
    for (ModelVersion version : model.versions()) {
      rows.add(
          List.of(
              version.version(),
              version.createdAt().toString(),
              version.sourceUri(),
              "sha256:" + version.sha256(),
              String.join(", ", model.aliasesOf(version.version())),
              version.description()));
    }
    return CommandResult.rows(COLUMNS, rows);
  }
}
