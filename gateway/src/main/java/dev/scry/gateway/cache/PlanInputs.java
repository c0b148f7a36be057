package dev.scry.gateway.cache;

import dev.scry.planner.predict.ModelRef;
import dev.scry.planner.rel.LakeTableScan;
import dev.scry.planner.rel.PredictRel;
import dev.scry.planner.scan.LakeScanSpec;
import java.util.ArrayList;
import java.util.List;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.core.TableScan;
import org.apache.calcite.rex.RexCall;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.rex.RexShuttle;

/**
 * What a plan's result depends on besides its shape: the lake scans and the model versions it reads,
 * and whether it can be reused at all. A plan is not reusable when an expression is not deterministic
 * (RAND, CURRENT_TIMESTAMP, anything Calcite marks dynamic) or when it reads a table that is not a lake
 * scan (a system table, say), whose state no file listing can capture.
 */
record PlanInputs(List<LakeScanSpec> scans, List<ModelRef> models, boolean reusable) {
  PlanInputs {
    scans = List.copyOf(scans);
    models = List.copyOf(models);
  }

  static PlanInputs of(RelNode plan) {
    List<LakeScanSpec> scans = new ArrayList<>();
    List<ModelRef> models = new ArrayList<>();
    boolean[] reusable = {true};
    collect(plan, scans, models, reusable);
    return new PlanInputs(scans, models, reusable[0]);
  }

  private static void collect(
      RelNode node, List<LakeScanSpec> scans, List<ModelRef> models, boolean[] reusable) {
    if (node instanceof LakeTableScan scan) {
      scans.add(scan.spec());
    } else if (node instanceof TableScan) {
      reusable[0] = false;
    }
    if (node instanceof PredictRel predict) {
      models.add(predict.spec().model());
    }
    node.accept(
        new RexShuttle() {
          @Override
          public RexNode visitCall(RexCall call) {
            if (!call.getOperator().isDeterministic() || call.getOperator().isDynamicFunction()) {
              reusable[0] = false;
            }
            return super.visitCall(call);
          }
        });
    for (RelNode input : node.getInputs()) {
      collect(input, scans, models, reusable);
    }
  }
}
