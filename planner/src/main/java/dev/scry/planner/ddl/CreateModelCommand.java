package dev.scry.planner.ddl;

import dev.scry.planner.CommandPlan;
import dev.scry.planner.CommandResult;
import dev.scry.planner.ErrorCode;
import dev.scry.planner.ScryException;
import dev.scry.planner.SessionState;
import dev.scry.planner.catalog.Catalog;
import dev.scry.planner.catalog.ModelRegistry;
import dev.scry.planner.catalog.ModelVersion;
import dev.scry.planner.drift.BaselineStore;
import dev.scry.planner.parser.ddl.ScryCreateModel;
import java.math.BigDecimal;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.apache.calcite.sql.SqlCharStringLiteral;
import org.apache.calcite.sql.SqlLiteral;
import org.apache.calcite.sql.SqlNumericLiteral;

/**
 * CREATE [OR REPLACE] MODEL [IF NOT EXISTS] name FROM 'uri' [WITH (batch_size = n, description = '…',
 * baseline = 'query or table')].
 */
final class CreateModelCommand implements CommandHandler<ScryCreateModel> {
  static final StatementKind<ScryCreateModel> KIND =
      StatementKind.noRows(
          ScryCreateModel.class,
          services ->
              new CreateModelCommand(
                  services.catalog(),
                  services.models(),
                  services
                      .monitor()
                      .map(
                          monitor ->
                              new ModelBaselines(
                                  services.planner(),
                                  services.models(),
                                  new BaselineStore(services.files()),
                                  monitor))));

  private final Catalog catalog;
  private final ModelRegistry models;
  private final Optional<ModelBaselines> baselines;

  CreateModelCommand(Catalog catalog, ModelRegistry models, Optional<ModelBaselines> baselines) {
    this.catalog = Objects.requireNonNull(catalog, "catalog");
    this.models = Objects.requireNonNull(models, "models");
    this.baselines = Objects.requireNonNull(baselines, "baselines");
  }

  @Override
  public CommandResult execute(ScryCreateModel create, CommandPlan plan, SessionState session) {
    int batchSize = 0;
    String description = "";
    String baseline = null;
    for (Map.Entry<String, SqlLiteral> property : create.propertyMap().entrySet()) {
      switch (property.getKey().toLowerCase(Locale.ROOT)) {
        case "batch_size" -> batchSize = positiveInt("batch_size", property.getValue());
        case "description" -> description = text("description", property.getValue());
        // Issue 17: model input monitoring.
        case "baseline" -> baseline = text("baseline", property.getValue());
        default ->
            throw new ScryException(
                "Unknown model property '"
                    + property.getKey()
                    + "'; known: batch_size, description, baseline");
      }
    }
    if (baseline != null && baselines.isEmpty()) {
      throw new ScryException(
          ErrorCode.NOT_SUPPORTED, "This gateway has no engine to profile a model's baseline with");
    }
    boolean existed = catalog.snapshot().model(create.name().getSimple()).isPresent();
    if (existed && create.ifNotExists() && !create.replace()) {
      baseline = null; // the model is left as it is, its baseline too
    }
    ModelVersion version =
        models.register(
            create.name().getSimple(),
            create.sourceUri(),
            batchSize,
            description,
            create.replace(),
            create.ifNotExists());
    if (baseline != null) {
      recordBaseline(version, baseline, existed, session);
    }
    return CommandResult.done();
  }

  /** Records the baseline; a model this statement created is dropped again if that fails. */
  private void recordBaseline(
      ModelVersion version, String baseline, boolean existed, SessionState session) {
    try {
      baselines.orElseThrow().record(version, baseline, session);
    } catch (RuntimeException e) {
      if (!existed) {
        models.drop(version.name(), true);
      }
      throw e;
    }
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
