package dev.scry.planner.ddl;

import dev.scry.planner.rel.LakeTableScan;
import java.util.ArrayList;
import java.util.List;
import org.apache.calcite.rel.RelNode;

/**
 * The EXPLAIN lines for each lake table scan: the spec the planner pushed into it (columns, filters
 * evaluated at the source, partition folders kept of all), which is also exactly what the engine reads.
 */
final class LakeScanReport {
  List<String> lines(RelNode plan) {
    List<String> lines = new ArrayList<>();
    visit(plan, lines);
    return lines;
  }

  private static void visit(RelNode node, List<String> lines) {
    if (node instanceof LakeTableScan scan) {
      lines.add("  " + scan.spec().describe());
    }
    node.getInputs().forEach(input -> visit(input, lines));
  }
}
