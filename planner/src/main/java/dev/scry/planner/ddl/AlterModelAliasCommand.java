package dev.scry.planner.ddl;

import dev.scry.planner.CommandPlan;
import dev.scry.planner.CommandResult;
import dev.scry.planner.ErrorCode;
import dev.scry.planner.ScryException;
import dev.scry.planner.SessionState;
import dev.scry.planner.catalog.Catalog;
import dev.scry.planner.catalog.CatalogSnapshot;
import dev.scry.planner.catalog.ModelAlias;
import dev.scry.planner.catalog.ModelVersion;
import dev.scry.planner.parser.ddl.ScryAlterModelAlias;
import dev.scry.planner.sqlrewrite.PositionedErrors;
import java.math.BigDecimal;
import java.util.Objects;
import org.apache.calcite.sql.SqlNumericLiteral;
import org.apache.calcite.sql.parser.SqlParserPos;

/**
 * ALTER MODEL name SET ALIAS alias = version, and DROP ALIAS alias. The alias moves in one catalog
 * change, so a statement planned before it uses the old version throughout and one planned after it
 * the new one.
 */
final class AlterModelAliasCommand implements CommandHandler<ScryAlterModelAlias> {
  static final StatementKind<ScryAlterModelAlias> KIND =
      StatementKind.noRows(
          ScryAlterModelAlias.class, services -> new AlterModelAliasCommand(services.catalog()));

  private final Catalog catalog;

  AlterModelAliasCommand(Catalog catalog) {
    this.catalog = Objects.requireNonNull(catalog, "catalog");
  }

  @Override
  public CommandResult execute(ScryAlterModelAlias alter, CommandPlan plan, SessionState session) {
    String model = alter.model().getSimple();
    String alias = alter.alias().getSimple();
    String invalid = ModelAlias.whyInvalid(alias);
    if (invalid != null) {
      throw at(ErrorCode.SYNTAX, alter.alias().getParserPosition(), invalid);
    }
    catalog.editModel(
        model,
        entry ->
            alter
                .version()
                .map(literal -> entry.withAlias(new ModelAlias(alias, existing(entry, literal))))
                .orElseGet(() -> withoutExisting(entry, alter)),
        () ->
            PositionedErrors.at(
                alter.model().getParserPosition(),
                "Model '" + model + "' does not exist; SHOW MODELS lists the registered models"));
    return CommandResult.done();
  }

  /** The version number the literal names, if the model has it. */
  private static int existing(CatalogSnapshot.ModelEntry entry, SqlNumericLiteral literal) {
    BigDecimal value = literal.getValueAs(BigDecimal.class);
    int number;
    try {
      number = value.intValueExact();
    } catch (ArithmeticException e) {
      number = -1;
    }
    if (number < 1 || entry.version(number).isEmpty()) {
      throw PositionedErrors.at(
          literal.getParserPosition(),
          "Model '"
              + entry.name()
              + "' has no version "
              + value.toPlainString()
              + "; its versions: "
              + entry.versions().stream().map(ModelVersion::version).toList());
    }
    return number;
  }

  private static CatalogSnapshot.ModelEntry withoutExisting(
      CatalogSnapshot.ModelEntry entry, ScryAlterModelAlias alter) {
    String alias = alter.alias().getSimple();
    if (entry.alias(alias).isEmpty()) {
      throw PositionedErrors.at(
          alter.alias().getParserPosition(),
          "Model '"
              + entry.name()
              + "' has no alias '"
              + alias
              + "'; its aliases: "
              + entry.aliases().stream().map(ModelAlias::name).toList());
    }
    return entry.withoutAlias(alias);
  }

  private static ScryException at(ErrorCode code, SqlParserPos pos, String message) {
    return new ScryException(
        code, "At line " + pos.getLineNum() + ", column " + pos.getColumnNum() + ": " + message);
  }
}
