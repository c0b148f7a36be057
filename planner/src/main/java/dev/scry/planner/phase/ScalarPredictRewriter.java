package dev.scry.planner.phase;

import dev.scry.planner.ScryException;
import dev.scry.planner.operator.ScalarPredictFunction;
import dev.scry.planner.predict.BoundPredict;
import dev.scry.planner.rel.PredictRel;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.RelShuttleImpl;
import org.apache.calcite.rel.logical.LogicalFilter;
import org.apache.calcite.rel.logical.LogicalJoin;
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

/**
 * Turns each scalar PREDICT call in a Project into a {@link PredictRel} below it: a Project keeps the
 * input's columns (renamed so that no name competes with a model input) and adds the columns the model
 * binds to, PredictRel scores them, and the call becomes a reference to the first output's column (an
 * ARRAY of its columns when it has several). The input's columns keep their positions, so the Project's
 * other expressions are unchanged.
 */
final class ScalarPredictRewriter extends RelShuttleImpl {
  private static final String DATA_PREFIX = "__scry_data_";

  private final ScalarPredictFunction scalar;

  ScalarPredictRewriter(ScalarPredictFunction scalar) {
    this.scalar = Objects.requireNonNull(scalar, "scalar");
  }

  @Override
  public RelNode visit(LogicalProject project) {
    LogicalProject visited = (LogicalProject) super.visit(project);
    List<RexCall> calls = predictCalls(visited.getProjects());
    if (calls.isEmpty()) {
      return visited;
    }
    RexBuilder rex = visited.getCluster().getRexBuilder();
    RelNode current = visited.getInput();
    Map<String, RexNode> replacements = new LinkedHashMap<>();
    for (RexCall call : calls) {
      if (replacements.containsKey(call.toString())) {
        continue;
      }
      int width = current.getRowType().getFieldCount();
      List<RexNode> exprs = new ArrayList<>();
      List<String> names = new ArrayList<>();
      for (int i = 0; i < width; i++) {
        exprs.add(rex.makeInputRef(current, i));
        names.add(DATA_PREFIX + i);
      }
      String model = ((RexLiteral) call.getOperands().get(0)).getValueAs(String.class);
      addBoundColumns(call, model, exprs, names, rex, current.getRowType());
      RelNode data = LogicalProject.create(current, List.of(), exprs, names, Set.of());
      BoundPredict bound = scalar.bind(model, data.getRowType(), visited.getCluster().getTypeFactory(), null);
      PredictRel predict = new PredictRel(visited.getCluster(), visited.getTraitSet(), data, bound.spec(),
          bound.rowType());
      List<Integer> positions = ScalarPredictFunction.firstOutputColumns(bound, exprs.size());
      RexNode value;
      if (positions.size() == 1) {
        value = rex.makeInputRef(predict, positions.get(0));
      } else {
        value = rex.makeCall(SqlStdOperatorTable.ARRAY_VALUE_CONSTRUCTOR,
            positions.stream().map(p -> (RexNode) rex.makeInputRef(predict, p)).toList());
      }
      replacements.put(call.toString(), rex.ensureType(call.getType(), value, true));
      current = predict;
    }
    List<RexNode> rewritten = new ArrayList<>();
    for (RexNode expr : visited.getProjects()) {
      rewritten.add(expr.accept(new RexShuttle() {
        @Override
        public RexNode visitCall(RexCall call) {
          RexNode replacement = isPredict(call) ? replacements.get(call.toString()) : null;
          return replacement != null ? replacement : super.visitCall(call);
        }
      }));
    }
    return LogicalProject.create(current, visited.getHints(), rewritten, visited.getRowType().getFieldNames(),
        visited.getVariablesSet());
  }

  /** Positional: one column named after the single input; by name: each named value. */
  private void addBoundColumns(RexCall call, String model, List<RexNode> exprs, List<String> names,
      RexBuilder rex, RelDataType inputRow) {
    List<RexNode> operands = call.getOperands();
    if (call.getOperator() == ScalarPredictFunction.BY_NAME) {
      for (int i = 1; i + 1 < operands.size(); i += 2) {
        names.add(((RexLiteral) operands.get(i)).getValueAs(String.class));
        exprs.add(operands.get(i + 1));
      }
      return;
    }
    List<RexNode> arguments = operands.subList(1, operands.size());
    RelDataType row = scalar.positionalRow(model, arguments.stream().map(RexNode::getType).toList(),
        rex.getTypeFactory(), null);
    String inputName = row.getFieldList().get(0).getName();
    RelDataType type = row.getFieldList().get(0).getType();
    names.add(inputName);
    exprs.add(type.getSqlTypeName() != SqlTypeName.ARRAY
        ? arguments.get(0)
        : rex.makeCall(SqlStdOperatorTable.ARRAY_VALUE_CONSTRUCTOR, arguments));
  }

  private static boolean isPredict(RexCall call) {
    return call.getOperator() instanceof ScalarPredictFunction || call.getOperator() == ScalarPredictFunction.BY_NAME;
  }

  /** The scalar form scores in a SELECT list; elsewhere the engine would only say it cannot run PREDICT. */
  @Override
  public RelNode visit(LogicalFilter filter) {
    refuseOutsideSelectList(filter.getCondition(), "WHERE or HAVING");
    return super.visit(filter);
  }

  @Override
  public RelNode visit(LogicalJoin join) {
    refuseOutsideSelectList(join.getCondition(), "a join's ON");
    return super.visit(join);
  }

  private static void refuseOutsideSelectList(RexNode condition, String where) {
    if (!predictCalls(List.of(condition)).isEmpty()) {
      throw new ScryException("PREDICT('model', …) scores in a SELECT list, not in " + where + ": select it in a"
          + " sub-query and filter on its column, e.g. SELECT * FROM (SELECT t.*, PREDICT('m', a, b) AS label"
          + " FROM t) AS s WHERE label = 1");
    }
  }

  private static List<RexCall> predictCalls(List<RexNode> exprs) {
    List<RexCall> calls = new ArrayList<>();
    RexVisitorImpl<Void> finder = new RexVisitorImpl<>(true) {
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
}
