package dev.scry.planner.ddl;

import dev.scry.planner.CommandPlan;
import dev.scry.planner.CommandResult;
import dev.scry.planner.SessionState;
import dev.scry.planner.catalog.ModelRegistry;
import dev.scry.planner.parser.ddl.ScryDropModel;
import java.util.Objects;

/** DROP MODEL [IF EXISTS] name: every version, with its stored bytes. */
final class DropModelCommand implements CommandHandler<ScryDropModel> {
  static final StatementKind<ScryDropModel> KIND =
      StatementKind.noRows(
          ScryDropModel.class, services -> new DropModelCommand(services.models()));

  private final ModelRegistry models;

  DropModelCommand(ModelRegistry models) {
    this.models = Objects.requireNonNull(models, "models");
  }

  @Override
  public CommandResult execute(ScryDropModel drop, CommandPlan plan, SessionState session) {
    models.drop(drop.name().getSimple(), drop.ifExists());
    return CommandResult.done();
  }
}
