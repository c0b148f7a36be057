package dev.scry.planner.scan;

import com.google.common.collect.RangeSet;
import java.math.BigDecimal;
import java.util.Objects;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.util.DateString;
import org.apache.calcite.util.NlsString;
import org.apache.calcite.util.Sarg;

/**
 * Whether a partition folder's value ({@code part=VALUE}) may satisfy one pushed conjunct on its column.
 * It only ever says no when it is sure: a value it cannot compare (another type, the null partition, a
 * malformed number) keeps the folder, and the query's filter still runs on the rows read.
 */
final class PartitionValueCheck {
  /** The folder name Hive and Spark use for a NULL partition value. */
  static final String NULL_PARTITION = "__HIVE_DEFAULT_PARTITION__";

  private final SqlKind comparison;
  private final Comparable<?> constant;
  private final Sarg<?> sarg;

  private PartitionValueCheck(SqlKind comparison, Comparable<?> constant, Sarg<?> sarg) {
    this.comparison = comparison;
    this.constant = constant;
    this.sarg = sarg;
  }

  /** {@code column <comparison> constant}, comparison one of =, <>, <, <=, >, >=. */
  static PartitionValueCheck comparison(SqlKind comparison, Comparable<?> constant) {
    return new PartitionValueCheck(
        Objects.requireNonNull(comparison, "comparison"),
        Objects.requireNonNull(constant, "constant"),
        null);
  }

  /** {@code column IN (…)} or a range, as Calcite's SEARCH holds it. */
  static PartitionValueCheck search(Sarg<?> sarg) {
    return new PartitionValueCheck(SqlKind.SEARCH, null, Objects.requireNonNull(sarg, "sarg"));
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  boolean mayMatch(String folderValue) {
    String text = unescape(folderValue);
    if (text.equals(NULL_PARTITION)) {
      return true;
    }
    try {
      if (sarg != null) {
        Comparable like =
            sarg.rangeSet.isEmpty()
                ? null
                : sarg.rangeSet.span().hasLowerBound()
                    ? sarg.rangeSet.span().lowerEndpoint()
                    : sarg.rangeSet.span().upperEndpoint();
        Comparable value = like == null ? null : convert(text, like);
        return value == null || ((RangeSet) sarg.rangeSet).contains(value);
      }
      Comparable value = convert(text, constant);
      if (value == null) {
        return true;
      }
      int order = value.compareTo(constant);
      return switch (comparison) {
        case EQUALS -> order == 0;
        case NOT_EQUALS -> order != 0;
        case LESS_THAN -> order < 0;
        case LESS_THAN_OR_EQUAL -> order <= 0;
        case GREATER_THAN -> order > 0;
        case GREATER_THAN_OR_EQUAL -> order >= 0;
        default -> true;
      };
    } catch (RuntimeException notComparable) {
      return true;
    }
  }

  /** The folder's text as a value of the constant's class, or null when there is no such conversion. */
  private static Comparable<?> convert(String text, Comparable<?> like) {
    if (like instanceof BigDecimal) {
      return new BigDecimal(text.trim());
    }
    if (like instanceof NlsString nls) {
      return new NlsString(text, nls.getCharsetName(), nls.getCollation());
    }
    if (like instanceof String) {
      return text;
    }
    if (like instanceof Boolean) {
      return text.equalsIgnoreCase("true")
          ? Boolean.TRUE
          : text.equalsIgnoreCase("false") ? Boolean.FALSE : null;
    }
    if (like instanceof DateString) {
      return new DateString(text);
    }
    return null;
  }

  /** Spark writes characters such as '/', '=', ':' and '%' in partition values as %XX. */
  static String unescape(String value) {
    if (value.indexOf('%') < 0) {
      return value;
    }
    StringBuilder out = new StringBuilder(value.length());
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c == '%'
          && i + 2 < value.length()
          && Character.digit(value.charAt(i + 1), 16) >= 0
          && Character.digit(value.charAt(i + 2), 16) >= 0) {
        out.append((char) Integer.parseInt(value.substring(i + 1, i + 3), 16));
        i += 2;
      } else {
        out.append(c);
      }
    }
    return out.toString();
  }
}
