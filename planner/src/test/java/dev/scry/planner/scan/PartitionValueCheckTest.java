package dev.scry.planner.scan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.common.collect.ImmutableRangeSet;
import com.google.common.collect.Range;
import java.math.BigDecimal;
import org.apache.calcite.rex.RexUnknownAs;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.util.DateString;
import org.apache.calcite.util.NlsString;
import org.apache.calcite.util.Sarg;
import org.junit.jupiter.api.Test;

/** Folder values against pushed conjuncts: pruned only when surely not matching. */
class PartitionValueCheckTest {
  @Test
  void numbersCompareAsNumbers() {
    PartitionValueCheck equalsSeven =
        PartitionValueCheck.comparison(SqlKind.EQUALS, new BigDecimal("7"));
    assertTrue(equalsSeven.mayMatch("7"));
    assertTrue(equalsSeven.mayMatch("07"));
    assertFalse(equalsSeven.mayMatch("17"));
    PartitionValueCheck belowTen =
        PartitionValueCheck.comparison(SqlKind.LESS_THAN, new BigDecimal("10"));
    assertTrue(belowTen.mayMatch("9"));
    assertFalse(belowTen.mayMatch("10"));
  }

  @Test
  void stringsDatesAndEscapes() {
    PartitionValueCheck setosa =
        PartitionValueCheck.comparison(SqlKind.EQUALS, new NlsString("setosa", null, null));
    assertTrue(setosa.mayMatch("setosa"));
    assertFalse(setosa.mayMatch("virginica"));
    PartitionValueCheck slash =
        PartitionValueCheck.comparison(SqlKind.EQUALS, new NlsString("a/b", null, null));
    assertTrue(slash.mayMatch("a%2Fb"), "Spark writes '/' in a value as %2F");
    assertEquals("a=b%", PartitionValueCheck.unescape("a%3Db%"));
    PartitionValueCheck day =
        PartitionValueCheck.comparison(SqlKind.GREATER_THAN_OR_EQUAL, new DateString("2024-03-01"));
    assertTrue(day.mayMatch("2024-03-02"));
    assertFalse(day.mayMatch("2024-02-29"));
  }

  @Test
  void inListsAndRanges() {
    Sarg<BigDecimal> points =
        Sarg.of(
            RexUnknownAs.UNKNOWN,
            ImmutableRangeSet.<BigDecimal>builder()
                .add(Range.singleton(BigDecimal.ZERO))
                .add(Range.singleton(new BigDecimal("2")))
                .build());
    PartitionValueCheck in = PartitionValueCheck.search(points);
    assertTrue(in.mayMatch("2"));
    assertFalse(in.mayMatch("1"));
  }

  @Test
  void whatCannotBeComparedIsKept() {
    PartitionValueCheck equalsSeven =
        PartitionValueCheck.comparison(SqlKind.EQUALS, new BigDecimal("7"));
    assertTrue(equalsSeven.mayMatch(PartitionValueCheck.NULL_PARTITION));
    assertTrue(equalsSeven.mayMatch("seven"));
    assertTrue(
        PartitionValueCheck.comparison(SqlKind.EQUALS, new DateString("2024-03-01"))
            .mayMatch("March"));
  }
}
