package dev.scry.planner.ddl;

import dev.scry.planner.CommandPlan;
import dev.scry.planner.CommandResult;
import dev.scry.planner.ErrorCode;
import dev.scry.planner.ResultColumn;
import dev.scry.planner.ScryException;
import dev.scry.planner.SessionState;
import dev.scry.planner.catalog.ModelRegistry;
import dev.scry.planner.catalog.ModelVersion;
import dev.scry.planner.drift.BaselineStore;
import dev.scry.planner.drift.FeatureProfile;
import dev.scry.planner.drift.ModelBaseline;
import dev.scry.planner.drift.PopulationStability;
import dev.scry.planner.parser.ddl.ScryShowModelDrift;
import dev.scry.planner.spi.InputMonitor;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.apache.calcite.sql.type.SqlTypeName;

/**
 * SHOW MODEL DRIFT name: per monitored input of the model version, the population stability index of
 * what PREDICT scored since the gateway started against the version's baseline, the share of NULL or
 * NaN values now and in the baseline, the rows seen, and whether the index is above the session's
 * {@value #THRESHOLD} (0.2 unless SET).
 */
final class ShowModelDriftCommand implements CommandHandler<ScryShowModelDrift> {
  /** The session setting holding the PSI above which an input counts as drifted. */
  static final String THRESHOLD = "drift.psi_threshold";

  static final double DEFAULT_THRESHOLD = 0.2;

  static final List<ResultColumn> COLUMNS =
      List.of(
          ResultColumn.varchar("input"),
          new ResultColumn("psi", SqlTypeName.DOUBLE),
          new ResultColumn("null_share", SqlTypeName.DOUBLE),
          new ResultColumn("baseline_null_share", SqlTypeName.DOUBLE),
          new ResultColumn("rows_seen", SqlTypeName.BIGINT),
          new ResultColumn("drifted", SqlTypeName.BOOLEAN));

  static final StatementKind<ScryShowModelDrift> KIND =
      new StatementKind<>(
          ScryShowModelDrift.class,
          COLUMNS,
          services ->
              new ShowModelDriftCommand(
                  services.models(), new BaselineStore(services.files()), services.monitor()));

  private final ModelRegistry models;
  private final BaselineStore baselines;
  private final Optional<InputMonitor> monitor;

  ShowModelDriftCommand(
      ModelRegistry models, BaselineStore baselines, Optional<InputMonitor> monitor) {
    this.models = Objects.requireNonNull(models, "models");
    this.baselines = Objects.requireNonNull(baselines, "baselines");
    this.monitor = Objects.requireNonNull(monitor, "monitor");
  }

  @Override
  public CommandResult execute(ScryShowModelDrift show, CommandPlan plan, SessionState session) {
    double threshold = threshold(session);
    ModelVersion version = models.resolve(show.modelName()).version();
    ModelBaseline baseline =
        baselines
            .read(version.location())
            .orElseThrow(
                () ->
                    new ScryException(
                        ErrorCode.SEMANTIC,
                        "Model "
                            + version.name()
                            + ":"
                            + version.version()
                            + " has no baseline to compare with: register it with CREATE OR"
                            + " REPLACE MODEL … WITH (baseline = 'query or table')"));
    List<FeatureProfile> seen = monitor.map(m -> m.seen(version, baseline)).orElse(List.of());
    List<List<Object>> rows = new ArrayList<>();
    for (FeatureProfile expected : baseline.features()) {
      FeatureProfile now =
          seen.stream()
              .filter(
                  p -> p.input().equals(expected.input()) && p.position() == expected.position())
              .findFirst()
              .orElse(null);
      long rowsSeen = now == null ? 0 : now.rows();
      Double psi = null;
      if (now != null) {
        double index = PopulationStability.index(expected.bins(), now.bins());
        psi = Double.isNaN(index) ? null : index;
      }
      rows.add(
          Arrays.asList(
              expected.name(),
              psi,
              rowsSeen == 0 ? null : now.missingShare(),
              expected.missingShare(),
              rowsSeen,
              psi == null ? null : psi > threshold));
    }
    return CommandResult.rows(COLUMNS, rows);
  }

  private static double threshold(SessionState session) {
    String value = session.settings().get(THRESHOLD);
    if (value == null) {
      return DEFAULT_THRESHOLD;
    }
    try {
      double threshold = Double.parseDouble(value.trim());
      if (threshold > 0 && Double.isFinite(threshold)) {
        return threshold;
      }
    } catch (NumberFormatException e) {
      // Refused below with the same sentence.
    }
    throw new ScryException(
        ErrorCode.INVALID_PARAMETER,
        THRESHOLD + " must be a positive number such as 0.2, not '" + value + "': SET it again");
  }
}
