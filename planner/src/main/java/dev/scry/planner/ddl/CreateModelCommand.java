package dev.scry.planner.ddl;

import dev.scry.planner.CommandPlan;
import dev.scry.planner.CommandResult;
import dev.scry.planner.ScryException;
import dev.scry.planner.SessionState;
import dev.scry.planner.catalog.ModelRegistry;
import dev.scry.planner.parser.ddl.ScryCreateModel;
import java.math.BigDecimal;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import org.apache.calcite.sql.SqlCharStringLiteral;
import org.apache.calcite.sql.SqlLiteral;
import org.apache.calcite.sql.SqlNumericLiteral;

/** CREATE [OR REPLACE] MODEL [IF NOT EXISTS] name FROM 'uri' [WITH (batch_size = n, description = '…')]. */
final class CreateModelCommand implements CommandHandler<ScryCreateModel> {
  static final StatementKind<ScryCreateModel> KIND =
      StatementKind.noRows(
          ScryCreateModel.class, services -> new CreateModelCommand(services.models()));

  private final ModelRegistry models;

  CreateModelCommand(ModelRegistry models) {
    this.models = Objects.requireNonNull(models, "models");
  }

  @Override
  public CommandResult execute(ScryCreateModel create, CommandPlan plan, SessionState session) {
    int batchSize = 0;
    String description = "";
    for (Map.Entry<String, SqlLiteral> property : create.propertyMap().entrySet()) {
      switch (property.getKey().toLowerCase(Locale.ROOT)) {
        case "batch_size" -> batchSize = positiveInt("batch_size", property.getValue());
        case "description" -> description = text("description", property.getValue());
        default ->
            throw new ScryException(
                "Unknown model property '"
                    + property.getKey()
                    + "'; known: batch_size, description");
      }
    }
    models.register(
        create.name().getSimple(),
        create.sourceUri(),
        batchSize,
        description,
        create.replace(),
        create.ifNotExists());
    return CommandResult.done();
  }

  /**
   * A whole number from 1 up. Checked before it is read: Calcite's literals fail with an AssertionError
   * when read as a type they do not hold (a string, TRUE) and an ArithmeticException for 2.5.
   */
  private static int positiveInt(String key, SqlLiteral literal) {
    BigDecimal value =
        literal instanceof SqlNumericLiteral number ? number.getValueAs(BigDecimal.class) : null;
    if (value == null
        || value.signum() <= 0
        || value.stripTrailingZeros().scale() > 0
        || value.compareTo(BigDecimal.valueOf(Integer.MAX_VALUE)) > 0) {
      throw new ScryException(
          key
              + " must be a positive integer at "
              + literal.getParserPosition()
              + ", not "
              + literal);
    }
    return value.intValueExact();
  }

  private static String text(String key, SqlLiteral literal) {
    if (!(literal instanceof SqlCharStringLiteral)) {
      throw new ScryException(
          key + " must be a string at " + literal.getParserPosition() + ", not " + literal);
    }
    return literal.getValueAs(String.class);
  }
}
