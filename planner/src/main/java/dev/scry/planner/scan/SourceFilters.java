package dev.scry.planner.scan;

import com.google.common.collect.BoundType;
import com.google.common.collect.Range;
import dev.scry.planner.catalog.TableDefinition;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.apache.calcite.rex.RexCall;
import org.apache.calcite.rex.RexInputRef;
import org.apache.calcite.rex.RexLiteral;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.util.DateString;
import org.apache.calcite.util.NlsString;
import org.apache.calcite.util.Sarg;
import org.apache.calcite.util.TimestampString;

/**
 * Splits a filter's conjuncts into those a file source evaluates by itself — a column compared with a
 * constant, a column IN a list or range, IS [NOT] NULL — and, among them, the tests on partition columns
 * that the planner applies to folder names.
 */
final class SourceFilters {
  private final List<PushedFilter> pushed = new ArrayList<>();
  private final Map<String, List<PartitionValueCheck>> partitionTests = new LinkedHashMap<>();

  private SourceFilters() {}

  static SourceFilters of(TableDefinition table, List<RexNode> conjuncts) {
    SourceFilters filters = new SourceFilters();
    for (RexNode conjunct : conjuncts) {
      filters.add(table, conjunct);
    }
    return filters;
  }

  List<PushedFilter> pushed() {
    return List.copyOf(pushed);
  }

  /** The tests on each partition column, keyed by the column's lower-case name. */
  Map<String, List<PartitionValueCheck>> partitionTests() {
    return partitionTests;
  }

  private void add(TableDefinition table, RexNode conjunct) {
    if (!(conjunct instanceof RexCall call)) {
      return;
    }
    List<String> names = table.columns().stream().map(c -> c.name()).toList();
    if ((call.getKind() == SqlKind.IS_NULL || call.getKind() == SqlKind.IS_NOT_NULL)
        && stripCast(call.getOperands().get(0)) instanceof RexInputRef ref) {
      pushed.add(
          new PushedFilter(
              conjunct,
              names.get(ref.getIndex())
                  + " "
                  + (call.getKind() == SqlKind.IS_NULL ? "IS NULL" : "IS NOT NULL")));
      return;
    }
    if (call.getOperands().size() != 2) {
      return;
    }
    RexNode left = stripCast(call.getOperands().get(0));
    RexNode right = stripCast(call.getOperands().get(1));
    if (call.getKind() == SqlKind.SEARCH
        && left instanceof RexInputRef ref
        && right instanceof RexLiteral literal
        && literal.getValue() instanceof Sarg<?> sarg) {
      String column = names.get(ref.getIndex());
      pushed.add(new PushedFilter(conjunct, column + " " + describe(sarg)));
      testOn(table, column).ifPresent(tests -> tests.add(PartitionValueCheck.search(sarg)));
      return;
    }
    SqlKind kind = call.getKind();
    if (right instanceof RexInputRef && left instanceof RexLiteral) {
      RexNode swap = left;
      left = right;
      right = swap;
      kind = kind.reverse();
    }
    String op =
        switch (kind) {
          case EQUALS -> "=";
          case NOT_EQUALS -> "<>";
          case LESS_THAN -> "<";
          case LESS_THAN_OR_EQUAL -> "<=";
          case GREATER_THAN -> ">";
          case GREATER_THAN_OR_EQUAL -> ">=";
          default -> null;
        };
    if (op == null
        || !(left instanceof RexInputRef ref)
        || !(right instanceof RexLiteral literal)) {
      return;
    }
    String column = names.get(ref.getIndex());
    Comparable<?> value = valueOf(literal);
    String shown = literal.isNull() ? "NULL" : shown(value);
    pushed.add(new PushedFilter(conjunct, column + " " + op + " " + shown));
    if (!literal.isNull() && value != null) {
      SqlKind comparison = kind;
      testOn(table, column)
          .ifPresent(tests -> tests.add(PartitionValueCheck.comparison(comparison, value)));
    }
  }

  /**
   * A literal's value as a Sarg's ranges hold it. getValue, not getValue2: the latter gives a DECIMAL's
   * unscaled digits (0.5 showed as 5); but getValue gives a DATE or TIMESTAMP as a Calendar, which
   * neither shows as SQL nor compares with a folder's value, so those are read as Calcite's date strings.
   */
  private static Comparable<?> valueOf(RexLiteral literal) {
    return switch (literal.getTypeName()) {
      case DATE -> literal.getValueAs(DateString.class);
      case TIMESTAMP -> literal.getValueAs(TimestampString.class);
      default -> literal.getValue();
    };
  }

  /** {@code IN (a, b)} for a list of values, else the ranges, e.g. {@code IN RANGES [3..5], (7..+∞)}. */
  private static String describe(Sarg<?> sarg) {
    List<String> parts = new ArrayList<>();
    for (Range<?> range : sarg.rangeSet.asRanges()) {
      if (sarg.isPoints()) {
        parts.add(shown(range.lowerEndpoint()));
      } else {
        parts.add(
            (range.hasLowerBound()
                    ? (range.lowerBoundType() == BoundType.CLOSED ? "[" : "(")
                        + shown(range.lowerEndpoint())
                    : "(-∞")
                + ".."
                + (range.hasUpperBound()
                    ? shown(range.upperEndpoint())
                        + (range.upperBoundType() == BoundType.CLOSED ? "]" : ")")
                    : "+∞)"));
      }
    }
    return sarg.isPoints()
        ? "IN (" + String.join(", ", parts) + ")"
        : "IN RANGES " + String.join(", ", parts);
  }

  private static String shown(Object value) {
    if (value instanceof NlsString nls) {
      return "'" + nls.getValue() + "'";
    }
    if (value instanceof BigDecimal number) {
      return number.toPlainString();
    }
    if (value instanceof DateString || value instanceof TimestampString) {
      return "'" + value + "'";
    }
    return String.valueOf(value);
  }

  private Optional<List<PartitionValueCheck>> testOn(TableDefinition table, String column) {
    if (table.partitionColumns().stream().noneMatch(column::equalsIgnoreCase)) {
      return Optional.empty();
    }
    return Optional.of(
        partitionTests.computeIfAbsent(column.toLowerCase(Locale.ROOT), c -> new ArrayList<>()));
  }

  private static RexNode stripCast(RexNode node) {
    return node.getKind() == SqlKind.CAST ? ((RexCall) node).getOperands().get(0) : node;
  }
}
