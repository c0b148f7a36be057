package dev.scry.planner.ddl;

import dev.scry.planner.catalog.LakeTable;
import dev.scry.planner.catalog.TableDefinition;
import dev.scry.planner.spi.FileStore;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import org.apache.calcite.plan.RelOptUtil;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.core.Aggregate;
import org.apache.calcite.rel.core.AggregateCall;
import org.apache.calcite.rel.core.Filter;
import org.apache.calcite.rel.core.Project;
import org.apache.calcite.rel.core.TableScan;
import org.apache.calcite.rex.RexCall;
import org.apache.calcite.rex.RexInputRef;
import org.apache.calcite.rex.RexLiteral;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.util.ImmutableBitSet;

/**
 * The EXPLAIN lines for each table scan: the columns the query reads, the filters that the file source
 * can evaluate (a column compared with a constant), and for partitioned tables how many partition
 * folders those filters keep of all the folders under the table.
 */
final class LakeScanReport {
  private final FileStore files;

  LakeScanReport(FileStore files) {
    this.files = Objects.requireNonNull(files, "files");
  }

  List<String> lines(RelNode plan) {
    List<String> lines = new ArrayList<>();
    visit(plan, null, lines);
    return lines;
  }

  /**
   * Finds each scan, with the Filter right above it; {@code used} holds the fields of {@code node} its
   * parent reads (null: all of them).
   */
  private void visit(RelNode node, ImmutableBitSet used, List<String> lines) {
    Filter filter = node instanceof Filter f ? f : null;
    RelNode scanNode = filter != null ? filter.getInput() : node;
    if (scanNode instanceof TableScan scan && scan.getTable().unwrap(LakeTable.class) != null) {
      lines.add(describe(scan.getTable().unwrap(LakeTable.class).definition(), filter, used));
      return;
    }
    ImmutableBitSet usedOfInput = null;
    if (node instanceof Project project) {
      usedOfInput = RelOptUtil.InputFinder.bits(project.getProjects(), null);
    } else if (node instanceof Aggregate aggregate) {
      ImmutableBitSet.Builder bits = aggregate.getGroupSet().rebuild();
      for (AggregateCall call : aggregate.getAggCallList()) {
        bits.addAll(call.getArgList());
        if (call.filterArg >= 0) {
          bits.set(call.filterArg);
        }
      }
      usedOfInput = bits.build();
    }
    for (RelNode input : node.getInputs()) {
      visit(input, node.getInputs().size() == 1 ? usedOfInput : null, lines);
    }
  }

  private String describe(TableDefinition table, Filter filter, ImmutableBitSet usedAbove) {
    List<String> names = table.columns().stream().map(c -> c.name()).toList();
    ImmutableBitSet used = usedAbove == null ? ImmutableBitSet.range(names.size()) : usedAbove;
    if (filter != null) {
      used = used.union(RelOptUtil.InputFinder.bits(filter.getCondition()));
    }
    List<String> pushed = new ArrayList<>();
    Map<String, String> partitionEquals = new LinkedHashMap<>();
    if (filter != null) {
      for (RexNode conjunct : RelOptUtil.conjunctions(filter.getCondition())) {
        String text = simpleComparison(conjunct, names, table, partitionEquals);
        if (text != null) {
          pushed.add(text);
        }
      }
    }
    List<String> columns = new ArrayList<>();
    used.forEach(i -> columns.add(names.get(i)));
    StringBuilder line = new StringBuilder("  scan ").append(table.qualifiedName())
        .append(": columns [").append(String.join(", ", columns)).append("]; pushed filters [")
        .append(String.join(", ", pushed)).append("]");
    if (!table.partitionColumns().isEmpty()) {
      line.append("; ").append(partitions(table, partitionEquals));
    }
    return line.toString();
  }

  /** {@code column op constant} in SQL-like text, or null when the conjunct is not that simple. */
  private static String simpleComparison(RexNode conjunct, List<String> names, TableDefinition table,
      Map<String, String> partitionEquals) {
    if (!(conjunct instanceof RexCall call) || call.getOperands().size() != 2) {
      return null;
    }
    String op = switch (call.getKind()) {
      case EQUALS -> "=";
      case NOT_EQUALS -> "<>";
      case LESS_THAN -> "<";
      case LESS_THAN_OR_EQUAL -> "<=";
      case GREATER_THAN -> ">";
      case GREATER_THAN_OR_EQUAL -> ">=";
      default -> null;
    };
    RexNode left = stripCast(call.getOperands().get(0));
    RexNode right = stripCast(call.getOperands().get(1));
    if (op == null || !(left instanceof RexInputRef ref) || !(right instanceof RexLiteral literal)) {
      return null;
    }
    String column = names.get(ref.getIndex());
    String value = literal.getValue2() == null ? "NULL" : String.valueOf(literal.getValue2());
    if (call.getKind() == SqlKind.EQUALS && table.partitionColumns().stream().anyMatch(column::equalsIgnoreCase)) {
      partitionEquals.put(column.toLowerCase(Locale.ROOT), value);
    }
    return column + " " + op + " " + (literal.getValue2() instanceof String ? "'" + value + "'" : value);
  }

  private static RexNode stripCast(RexNode node) {
    return node.getKind() == SqlKind.CAST ? ((RexCall) node).getOperands().get(0) : node;
  }

  /** Lists the partition folders level by level and counts those whose values the equalities keep. */
  private String partitions(TableDefinition table, Map<String, String> equals) {
    List<String> all = List.of(table.location());
    List<String> kept = List.of(table.location());
    try {
      for (String column : table.partitionColumns()) {
        all = childFolders(all, column, null);
        kept = childFolders(kept, column, equals.get(column.toLowerCase(Locale.ROOT)));
      }
    } catch (IOException e) {
      return "partitions unknown (" + e.getMessage() + ")";
    }
    return "partitions " + kept.size() + " of " + all.size();
  }

  private List<String> childFolders(List<String> parents, String column, String value) throws IOException {
    List<String> children = new ArrayList<>();
    for (String parent : parents) {
      for (String folder : files.listFolders(parent)) {
        String name = folder.substring(folder.lastIndexOf('/', folder.length() - 2) + 1).replaceAll("/$", "");
        int eq = name.indexOf('=');
        if (eq > 0 && name.substring(0, eq).equalsIgnoreCase(column)
            && (value == null || sameValue(name.substring(eq + 1), value))) {
          children.add(folder);
        }
      }
    }
    return children;
  }

  private static boolean sameValue(String folderValue, String literal) {
    String decoded = java.net.URLDecoder.decode(folderValue, java.nio.charset.StandardCharsets.UTF_8);
    if (decoded.equals(literal)) {
      return true;
    }
    try {
      return new java.math.BigDecimal(decoded).compareTo(new java.math.BigDecimal(literal)) == 0;
    } catch (NumberFormatException e) {
      return false;
    }
  }
}
