package dev.scry.planner.rule;

import dev.scry.planner.ErrorCode;
import dev.scry.planner.ScryException;
import dev.scry.planner.catalog.LakeTable;
import dev.scry.planner.catalog.TableDefinition;
import dev.scry.planner.operator.TableVersionOperator;
import dev.scry.planner.rel.LakeTableScan;
import dev.scry.planner.scan.LakeScanSpecs;
import dev.scry.planner.scan.TableVersion;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import org.apache.calcite.plan.RelOptRuleCall;
import org.apache.calcite.plan.RelOptUtil;
import org.apache.calcite.plan.RelRule;
import org.apache.calcite.rel.core.Filter;
import org.apache.calcite.rel.core.RelFactories;
import org.apache.calcite.rel.core.Snapshot;
import org.apache.calcite.rel.core.TableScan;
import org.apache.calcite.rex.RexCall;
import org.apache.calcite.rex.RexLiteral;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.sql.type.SqlTypeName;
import org.apache.calcite.tools.RelBuilderFactory;
import org.apache.calcite.util.TimestampString;

/**
 * Time travel: a snapshot ({@code FOR VERSION AS OF n}, {@code FOR SYSTEM_TIME AS OF TIMESTAMP '…'})
 * of a lake table becomes a {@link LakeTableScan} whose spec names the version, which the engine hands
 * to the table's log; the conjuncts of a Filter right on the snapshot are pushed into it as into a scan
 * of the current version ({@link Config#filtered}). Run
 * in phase {@code time-travel}, once sub-queries are joins and before field trimming, which would put
 * a Project between the snapshot and its scan ({@link LakeScanRule} would then take that scan for one
 * of the current version).
 */
public final class LakeSnapshotRule extends RelRule<LakeSnapshotRule.Config> {
  LakeSnapshotRule(Config config) {
    super(config);
  }

  @Override
  public void onMatch(RelOptRuleCall call) {
    boolean filtered = call.rels.length == 3;
    Snapshot snapshot = call.rel(filtered ? 1 : 0);
    TableScan scan = call.rel(filtered ? 2 : 1);
    TableDefinition table = scan.getTable().unwrap(LakeTable.class).definition();
    if (!table.format().hasLog()) {
      throw new ScryException(
          ErrorCode.NOT_SUPPORTED,
          "Table "
              + table.qualifiedName()
              + " is stored as "
              + table.format()
              + ", which keeps no earlier versions; FOR VERSION AS OF and FOR SYSTEM_TIME AS OF"
              + " read Delta tables");
    }
    TableVersion version = version(snapshot.getPeriod(), table);
    // The Filter's conjuncts go to the scan as for a scan of the current version (the log prunes
    // and skips files with them); the Filter stays.
    List<RexNode> conjuncts =
        filtered ? RelOptUtil.conjunctions(((Filter) call.rel(0)).getCondition()) : List.of();
    LakeTableScan lake =
        new LakeTableScan(
            scan.getCluster(),
            scan.getTraitSet(),
            scan.getTable(),
            config.specs().of(table, conjuncts).asOf(version));
    if (filtered) {
      Filter filter = call.rel(0);
      call.transformTo(filter.copy(filter.getTraitSet(), List.of(lake)));
    } else {
      call.transformTo(lake);
    }
  }

  private static TableVersion version(RexNode period, TableDefinition table) {
    if (period instanceof RexCall call && call.getOperator() == TableVersionOperator.INSTANCE) {
      BigDecimal number = ((RexLiteral) call.getOperands().get(0)).getValueAs(BigDecimal.class);
      try {
        return TableVersion.number(Objects.requireNonNull(number).longValueExact());
      } catch (ArithmeticException e) {
        throw new ScryException(
            ErrorCode.SEMANTIC,
            "FOR VERSION AS OF takes a whole version number of table "
                + table.qualifiedName()
                + ", not "
                + number,
            e);
      }
    }
    if (period instanceof RexLiteral literal
        && literal.getTypeName() == SqlTypeName.TIMESTAMP
        && literal.getValueAs(TimestampString.class) != null) {
      // TIMESTAMP values are UTC in Scry (Spark's session time zone).
      return TableVersion.at(
          Instant.ofEpochMilli(literal.getValueAs(TimestampString.class).getMillisSinceEpoch()));
    }
    throw new ScryException(
        ErrorCode.NOT_SUPPORTED,
        "FOR SYSTEM_TIME AS OF takes a TIMESTAMP literal (TIMESTAMP '2026-12-01 10:00:00') for table "
            + table.qualifiedName());
  }

  /** What the rule matches and how it makes specs; immutable, changed by copying. */
  public interface Config extends RelRule.Config {
    /**
     * A Filter right on a snapshot of a lake table: its conjuncts are pushed into the time-travel
     * scan. Run to its fixpoint before {@link #of}, which takes every snapshot left.
     */
    static Config filtered(LakeScanSpecs specs) {
      return new Values(
          RelFactories.LOGICAL_BUILDER,
          "LakeSnapshotRule:filter",
          b0 ->
              b0.operand(Filter.class)
                  .oneInput(
                      b1 ->
                          b1.operand(Snapshot.class)
                              .oneInput(
                                  b2 ->
                                      b2.operand(TableScan.class)
                                          .predicate(LakeScanRule::isLakeTable)
                                          .noInputs())),
          specs);
    }

    static Config of(LakeScanSpecs specs) {
      return new Values(
          RelFactories.LOGICAL_BUILDER,
          "LakeSnapshotRule",
          b0 ->
              b0.operand(Snapshot.class)
                  .oneInput(
                      b1 ->
                          b1.operand(TableScan.class)
                              .predicate(LakeScanRule::isLakeTable)
                              .noInputs()),
          specs);
    }

    LakeScanSpecs specs();

    @Override
    Config withRelBuilderFactory(RelBuilderFactory factory);

    @Override
    Config withDescription(String description);

    @Override
    Config withOperandSupplier(OperandTransform transform);

    @Override
    default LakeSnapshotRule toRule() {
      return new LakeSnapshotRule(this);
    }
  }

  private record Values(
      RelBuilderFactory relBuilderFactory,
      String description,
      OperandTransform operandSupplier,
      LakeScanSpecs specs)
      implements Config {
    Values {
      Objects.requireNonNull(relBuilderFactory, "relBuilderFactory");
      Objects.requireNonNull(operandSupplier, "operandSupplier");
      Objects.requireNonNull(specs, "specs");
    }

    @Override
    public Config withRelBuilderFactory(RelBuilderFactory factory) {
      return new Values(factory, description, operandSupplier, specs);
    }

    @Override
    public Config withDescription(String description) {
      return new Values(relBuilderFactory, description, operandSupplier, specs);
    }

    @Override
    public Config withOperandSupplier(OperandTransform transform) {
      return new Values(relBuilderFactory, description, transform, specs);
    }
  }
}
