package dev.scry.engine;

import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.core.Calc;
import org.apache.calcite.rel.core.Filter;
import org.apache.calcite.rel.core.Project;
import org.apache.calcite.rel.core.Sort;

/** Whether a plan's rows come in an order the client asked for (ORDER BY at its top). */
final class ResultOrder {
  private ResultOrder() {}

  /** True when an ORDER BY decides the order of the rows {@code plan} returns. */
  static boolean ordered(RelNode plan) {
    RelNode node = plan;
    // Projections and filters above a sort keep its order.
    while (node instanceof Project || node instanceof Filter || node instanceof Calc) {
      node = node.getInput(0);
    }
    return node instanceof Sort sort && !sort.getCollation().getFieldCollations().isEmpty();
  }
}
