package dev.scry.planner.script;

import dev.scry.planner.rel.PredictRel;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import net.hydromatic.quidem.AbstractCommand;
import net.hydromatic.quidem.CommandHandler;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.type.RelDataTypeField;

/**
 * {@code !predict}: what each PREDICT of the previous query's plan carries and appends, three lines per
 * {@link PredictRel} (outermost first): its model version, the DATA fields it carries, the outputs it appends. EXPLAIN shows a PREDICT's model, inputs and batch size, and its
 * carried DATA fields only when some are trimmed; this shows both lists with their types, so a script can
 * check that field trimming keeps exactly the DATA fields and outputs a query reads.
 */
final class PredictCommand extends AbstractCommand {
  static final String NAME = "predict";

  /** Quidem asks each command line it does not know here first. */
  static final CommandHandler HANDLER =
      (lines, content, line) -> NAME.equals(line) ? new PredictCommand(lines, content) : null;

  private final List<String> lines;
  private final List<String> expected;

  private PredictCommand(List<String> lines, List<String> expected) {
    this.lines = List.copyOf(lines);
    this.expected = List.copyOf(expected);
  }

  @Override
  public String describe(Context context) {
    return commandName() + " [sql: " + context.previousSqlCommand().sql + "]";
  }

  @Override
  public void execute(Context context, boolean execute) throws Exception {
    if (execute) {
      PlannerSession session = context.connection().unwrap(PlannerSession.class);
      List<String> described = new ArrayList<>();
      describe(session.plan(context.previousSqlCommand().sql).rel(), described);
      if (described.isEmpty()) {
        described.add("(no PREDICT in the plan)");
      }
      described.forEach(context.writer()::println);
      context.writer().flush();
    } else {
      context.echo(expected);
    }
    context.echo(lines);
  }

  private static void describe(RelNode node, List<String> described) {
    if (node instanceof PredictRel predict) {
      List<RelDataTypeField> fields = predict.getRowType().getFieldList();
      int carried = predict.spec().carriedFields().size();
      described.add(predict.spec().model().qualifiedName());
      described.add("  carries " + typed(fields.subList(0, carried)));
      described.add("  appends " + typed(fields.subList(carried, fields.size())));
    }
    node.getInputs().forEach(input -> describe(input, described));
  }

  private static String typed(List<RelDataTypeField> fields) {
    if (fields.isEmpty()) {
      return "nothing";
    }
    return fields.stream()
        .map(f -> f.getName() + " " + f.getType().getFullTypeString().replace(" NOT NULL", ""))
        .collect(Collectors.joining(", "));
  }
}
