package dev.scry.planner.rule;

import dev.scry.planner.operator.ScalarPredictFunction;
import dev.scry.planner.predict.BoundPredict;
import dev.scry.planner.rel.PredictRel;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.apache.calcite.plan.RelOptRuleCall;
import org.apache.calcite.plan.RelRule;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.core.RelFactories;
import org.apache.calcite.rel.logical.LogicalProject;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rex.RexBuilder;
import org.apache.calcite.rex.RexCall;
import org.apache.calcite.rex.RexLiteral;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.rex.RexShuttle;
import org.apache.calcite.rex.RexVisitorImpl;
import org.apache.calcite.sql.fun.SqlStdOperatorTable;
import org.apache.calcite.sql.type.SqlTypeName;
import org.apache.calcite.tools.RelBuilderFactory;

/**
 * Turns each scalar PREDICT call in a Project into a {@link PredictRel} below it: a Project keeps the
 * input's columns (renamed so that no name competes with a model input) and adds the columns the model
 * binds to, PredictRel scores them, and the call becomes a reference to the first output's column (an
 * ARRAY of its columns when it has several). The input's columns keep their positions, so the Project's
 * other expressions are unchanged.
 *
 * <p>The configuration holds the session's {@link ScalarPredictFunction}: a call whose inputs bind by name
 * is converted to the shared {@link ScalarPredictFunction#BY_NAME} operator, which cannot bind a model.
 */
public final class ScalarPredictRule extends RelRule<ScalarPredictRule.Config> {
  private static final String DATA_PREFIX = "__scry_data_";

  ScalarPredictRule(Config config) {
    super(config);
  }

  @Override
  public void onMatch(RelOptRuleCall call) {
    LogicalProject project = call.rel(0);
    RexBuilder rex = project.getCluster().getRexBuilder();
    RelNode current = project.getInput();
    Map<String, RexNode> replacements = new LinkedHashMap<>();
    for (RexCall predict : predictCalls(project.getProjects())) {
      if (replacements.containsKey(predict.toString())) {
        continue;
      }
      int width = current.getRowType().getFieldCount();
      List<RexNode> exprs = new ArrayList<>();
      List<String> names = new ArrayList<>();
      for (int i = 0; i < width; i++) {
        exprs.add(rex.makeInputRef(current, i));
        names.add(DATA_PREFIX + i);
      }
      String model = ((RexLiteral) predict.getOperands().get(0)).getValueAs(String.class);
      addBoundColumns(predict, model, exprs, names, rex);
      RelNode data = LogicalProject.create(current, List.of(), exprs, names, Set.of());
      BoundPredict bound =
          config
              .scalar()
              .bind(model, data.getRowType(), project.getCluster().getTypeFactory(), null);
      PredictRel scored =
          new PredictRel(
              project.getCluster(), project.getTraitSet(), data, bound.spec(), bound.rowType());
      List<Integer> positions = ScalarPredictFunction.firstOutputColumns(bound, exprs.size());
      RexNode value;
      if (positions.size() == 1) {
        value = rex.makeInputRef(scored, positions.get(0));
      } else {
        // Typed as the call (a nullable ARRAY): a rule keeps the row type it replaces, nullability
        // included.
        value =
            rex.makeCall(
                predict.getType(),
                SqlStdOperatorTable.ARRAY_VALUE_CONSTRUCTOR,
                positions.stream().map(p -> (RexNode) rex.makeInputRef(scored, p)).toList());
      }
      replacements.put(predict.toString(), rex.ensureType(predict.getType(), value, true));
      current = scored;
    }
    List<RexNode> rewritten = new ArrayList<>();
    for (RexNode expr : project.getProjects()) {
      rewritten.add(
          expr.accept(
              new RexShuttle() {
                @Override
                public RexNode visitCall(RexCall inner) {
                  RexNode replacement =
                      isPredict(inner) ? replacements.get(inner.toString()) : null;
                  return replacement != null ? replacement : super.visitCall(inner);
                }
              }));
    }
    call.transformTo(
        LogicalProject.create(
            current,
            project.getHints(),
            rewritten,
            project.getRowType().getFieldNames(),
            project.getVariablesSet()));
  }

  /** Positional: one column named after the single input; by name: each named value. */
  private void addBoundColumns(
      RexCall call, String model, List<RexNode> exprs, List<String> names, RexBuilder rex) {
    List<RexNode> operands = call.getOperands();
    if (call.getOperator() == ScalarPredictFunction.BY_NAME) {
      for (int i = 1; i + 1 < operands.size(); i += 2) {
        names.add(((RexLiteral) operands.get(i)).getValueAs(String.class));
        exprs.add(operands.get(i + 1));
      }
      return;
    }
    List<RexNode> arguments = operands.subList(1, operands.size());
    RelDataType row =
        config
            .scalar()
            .positionalRow(
                model,
                arguments.stream().map(RexNode::getType).toList(),
                rex.getTypeFactory(),
                null);
    String inputName = row.getFieldList().get(0).getName();
    RelDataType type = row.getFieldList().get(0).getType();
    names.add(inputName);
    exprs.add(
        type.getSqlTypeName() != SqlTypeName.ARRAY
            ? arguments.get(0)
            : rex.makeCall(SqlStdOperatorTable.ARRAY_VALUE_CONSTRUCTOR, arguments));
  }

  /** Either form of the scalar call: positional (the session's function) or by name. */
  public static boolean isPredict(RexCall call) {
    return call.getOperator() instanceof ScalarPredictFunction
        || call.getOperator() == ScalarPredictFunction.BY_NAME;
  }

  /** The outermost scalar PREDICT calls in {@code exprs}, in order. */
  public static List<RexCall> predictCalls(List<RexNode> exprs) {
    List<RexCall> calls = new ArrayList<>();
    RexVisitorImpl<Void> finder =
        new RexVisitorImpl<>(true) {
          @Override
          public Void visitCall(RexCall call) {
            if (isPredict(call)) {
              calls.add(call);
              return null;
            }
            return super.visitCall(call);
          }
        };
    exprs.forEach(e -> e.accept(finder));
    return calls;
  }

  /** What the rule matches and the function that binds the model; immutable, changed by copying. */
  public interface Config extends RelRule.Config {
    /** A Project with a scalar PREDICT call anywhere in its expressions. */
    static Config of(ScalarPredictFunction scalar) {
      return new Values(
          RelFactories.LOGICAL_BUILDER,
          "ScalarPredictRule",
          b0 ->
              b0.operand(LogicalProject.class)
                  .predicate(p -> !predictCalls(p.getProjects()).isEmpty())
                  .anyInputs(),
          scalar);
    }

    ScalarPredictFunction scalar();

    Config withScalar(ScalarPredictFunction scalar);

    @Override
    Config withRelBuilderFactory(RelBuilderFactory factory);

    @Override
    Config withDescription(String description);

    @Override
    Config withOperandSupplier(OperandTransform transform);

    @Override
    default ScalarPredictRule toRule() {
      return new ScalarPredictRule(this);
    }
  }

  private record Values(
      RelBuilderFactory relBuilderFactory,
      String description,
      OperandTransform operandSupplier,
      ScalarPredictFunction scalar)
      implements Config {
    Values {
      Objects.requireNonNull(relBuilderFactory, "relBuilderFactory");
      Objects.requireNonNull(operandSupplier, "operandSupplier");
      Objects.requireNonNull(scalar, "scalar");
    }

    @Override
    public Config withScalar(ScalarPredictFunction scalar) {
      return new Values(relBuilderFactory, description, operandSupplier, scalar);
    }

    @Override
    public Config withRelBuilderFactory(RelBuilderFactory factory) {
      return new Values(factory, description, operandSupplier, scalar);
    }

    @Override
    public Config withDescription(String description) {
      return new Values(relBuilderFactory, description, operandSupplier, scalar);
    }

    @Override
    public Config withOperandSupplier(OperandTransform transform) {
      return new Values(relBuilderFactory, description, transform, scalar);
    }
  }
}
