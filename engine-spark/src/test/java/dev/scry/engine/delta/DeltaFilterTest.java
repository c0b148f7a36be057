package dev.scry.engine.delta;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.common.collect.ImmutableRangeSet;
import com.google.common.collect.Range;
import dev.scry.planner.catalog.ColumnDefinition;
import dev.scry.planner.catalog.ColumnType;
import dev.scry.planner.catalog.TableDefinition;
import dev.scry.planner.catalog.TableFormat;
import dev.scry.planner.scan.PushedFilter;
import io.delta.kernel.expressions.And;
import io.delta.kernel.expressions.Column;
import io.delta.kernel.expressions.Literal;
import io.delta.kernel.expressions.Or;
import io.delta.kernel.expressions.Predicate;
import io.delta.kernel.types.DateType;
import io.delta.kernel.types.DecimalType;
import io.delta.kernel.types.IntegerType;
import io.delta.kernel.types.LongType;
import io.delta.kernel.types.StringType;
import io.delta.kernel.types.StructType;
import io.delta.kernel.types.TimestampType;
import java.math.BigDecimal;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.calcite.jdbc.JavaTypeFactoryImpl;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.rex.RexBuilder;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.rex.RexUnknownAs;
import org.apache.calcite.sql.fun.SqlStdOperatorTable;
import org.apache.calcite.sql.type.SqlTypeName;
import org.apache.calcite.util.DateString;
import org.apache.calcite.util.Sarg;
import org.apache.calcite.util.TimestampString;
import org.junit.jupiter.api.Test;

/**
 * Which pushed filters become Kernel predicates, and as what: only comparisons Kernel can decide
 * exactly in the column's own type; the rest are left out (more files read, never rows lost).
 */
class DeltaFilterTest {
  private final RelDataTypeFactory types = new JavaTypeFactoryImpl();
  private final RexBuilder rex = new RexBuilder(types);
  private final RelDataType bigint = types.createSqlType(SqlTypeName.BIGINT);
  private final RelDataType label = types.createSqlType(SqlTypeName.VARCHAR);
  private final RelDataType date = types.createSqlType(SqlTypeName.DATE);
  private final RelDataType price = types.createSqlType(SqlTypeName.DECIMAL, 10, 2);
  private final RelDataType integer = types.createSqlType(SqlTypeName.INTEGER);
  private final RelDataType timestamp = types.createSqlType(SqlTypeName.TIMESTAMP);

  private final TableDefinition table =
      new TableDefinition(
          "default",
          "t",
          TableFormat.DELTA,
          "file:///t/",
          Map.of(),
          List.of(
              column("id", "BIGINT"),
              column("label", "VARCHAR"),
              column("day", "DATE"),
              column("price", "DECIMAL"),
              column("part", "INTEGER"),
              column("ts", "TIMESTAMP")),
          List.of("part"),
          true);

  private final StructType schema =
      new StructType()
          .add("ID", LongType.LONG)
          .add("label", StringType.STRING)
          .add("day", DateType.DATE)
          .add("price", new DecimalType(10, 2))
          .add("part", IntegerType.INTEGER)
          .add("ts", TimestampType.TIMESTAMP);

  private static ColumnDefinition column(String name, String type) {
    return new ColumnDefinition(name, ColumnType.of(type), true);
  }

  @Test
  void comparisonsAreInTheColumnsOwnTypeAndNamedAsTheLogNamesThem() {
    assertEquals(
        Optional.of(new Predicate("=", new Column("ID"), Literal.ofLong(5)).toString()),
        kernel(rex.makeCall(SqlStdOperatorTable.EQUALS, ref(0, bigint), number(5, bigint))));
    assertEquals(
        Optional.of(new Predicate(">", new Column("part"), Literal.ofInt(3)).toString()),
        kernel(rex.makeCall(SqlStdOperatorTable.LESS_THAN, number(3, integer), ref(4, integer))));
    assertEquals(
        Optional.of(
            new Predicate("NOT", new Predicate("=", new Column("label"), Literal.ofString("a")))
                .toString()),
        kernel(rex.makeCall(SqlStdOperatorTable.NOT_EQUALS, ref(1, label), rex.makeLiteral("a"))));
    assertEquals(
        Optional.of(
            new Predicate(
                    "<=",
                    new Column("day"),
                    Literal.ofDate(new DateString("2026-01-05").getDaysSinceEpoch()))
                .toString()),
        kernel(
            rex.makeCall(
                SqlStdOperatorTable.LESS_THAN_OR_EQUAL,
                ref(2, date),
                rex.makeDateLiteral(new DateString("2026-01-05")))));
    assertEquals(
        Optional.of(
            new Predicate(
                    "=", new Column("price"), Literal.ofDecimal(new BigDecimal("6.50"), 10, 2))
                .toString()),
        kernel(
            rex.makeCall(
                SqlStdOperatorTable.EQUALS,
                ref(3, price),
                rex.makeExactLiteral(new BigDecimal("6.5")))));
    assertEquals(
        Optional.of(new Predicate("IS_NULL", new Column("ID")).toString()),
        kernel(rex.makeCall(SqlStdOperatorTable.IS_NULL, ref(0, bigint))));
  }

  @Test
  void whatCannotBeDecidedExactlyIsLeftOut() {
    // A fraction for an integer column (the column was cast to DECIMAL by the query).
    RelDataType decimal = types.createSqlType(SqlTypeName.DECIMAL, 20, 1);
    assertEquals(
        Optional.empty(),
        kernel(
            rex.makeCall(
                SqlStdOperatorTable.EQUALS,
                rex.makeCast(decimal, ref(0, bigint)),
                rex.makeExactLiteral(new BigDecimal("2.5"), decimal))));
    // A narrowing cast: CAST(id AS INTEGER) = 5 holds for ids that are not 5.
    assertEquals(
        Optional.empty(),
        kernel(
            rex.makeCall(
                SqlStdOperatorTable.EQUALS,
                rex.makeCast(integer, ref(0, bigint)),
                number(5, integer))));
    // BIGINT to DOUBLE rounds large values.
    RelDataType dbl = types.createSqlType(SqlTypeName.DOUBLE);
    assertEquals(
        Optional.empty(),
        kernel(
            rex.makeCall(
                SqlStdOperatorTable.LESS_THAN,
                rex.makeCast(dbl, ref(0, bigint)),
                rex.makeApproxLiteral(new BigDecimal("2.5")))));
    // A number for a string column, a value too large for the column, timestamps.
    assertEquals(
        Optional.empty(),
        kernel(rex.makeCall(SqlStdOperatorTable.EQUALS, ref(1, label), number(5, integer))));
    assertEquals(
        Optional.empty(),
        kernel(
            rex.makeCall(
                SqlStdOperatorTable.EQUALS, ref(4, integer), number(99_999_999_999L, bigint))));
    assertEquals(Optional.empty(), kernel(timestampEquals()));
    assertTrue(DeltaFilter.NONE.predicate(schema).isEmpty());
  }

  @Test
  void aWideningCastIsSeenThrough() {
    assertTrue(DeltaFilter.widens(integer, bigint));
    assertTrue(DeltaFilter.widens(integer, types.createSqlType(SqlTypeName.DOUBLE)));
    assertTrue(DeltaFilter.widens(price, types.createSqlType(SqlTypeName.DECIMAL, 12, 3)));
    assertFalse(DeltaFilter.widens(price, types.createSqlType(SqlTypeName.DECIMAL, 10, 1)));
    assertFalse(DeltaFilter.widens(bigint, integer));
    assertFalse(DeltaFilter.widens(bigint, types.createSqlType(SqlTypeName.DOUBLE)));
    assertEquals(
        Optional.of(new Predicate("=", new Column("part"), Literal.ofInt(3)).toString()),
        kernel(
            rex.makeCall(
                SqlStdOperatorTable.EQUALS,
                rex.makeCast(bigint, ref(4, integer)),
                number(3, bigint))));
  }

  @Test
  void conjunctsAreAndedAndSkippedOnesDropOut() {
    RexNode id = rex.makeCall(SqlStdOperatorTable.GREATER_THAN, ref(0, bigint), number(7, bigint));
    RexNode ts = timestampEquals();
    RexNode part = rex.makeCall(SqlStdOperatorTable.EQUALS, ref(4, integer), number(1, integer));
    assertEquals(
        Optional.of(
            new And(
                    new Predicate(">", new Column("ID"), Literal.ofLong(7)),
                    new Predicate("=", new Column("part"), Literal.ofInt(1)))
                .toString()),
        kernel(id, ts, part));
  }

  @Test
  void searchesBecomeRangesOrEqualitiesAndKeepNullsWhenTheyAdmitThem() {
    RexNode in = rex.makeIn(ref(4, integer), List.of(number(1, integer), number(2, integer)));
    assertEquals(
        Optional.of(
            new Or(
                    new Predicate("=", new Column("part"), Literal.ofInt(1)),
                    new Predicate("=", new Column("part"), Literal.ofInt(2)))
                .toString()),
        kernel(in));
    RexNode between = rex.makeBetween(ref(0, bigint), number(10, bigint), number(20, bigint));
    assertEquals(
        Optional.of(
            new And(
                    new Predicate(">=", new Column("ID"), Literal.ofLong(10)),
                    new Predicate("<=", new Column("ID"), Literal.ofLong(20)))
                .toString()),
        kernel(between));
    // id = 4 OR id IS NULL
    Sarg<BigDecimal> fourOrNull =
        Sarg.of(RexUnknownAs.TRUE, ImmutableRangeSet.of(Range.singleton(BigDecimal.valueOf(4))));
    RexNode search =
        rex.makeCall(
            SqlStdOperatorTable.SEARCH,
            ref(0, bigint),
            rex.makeSearchArgumentLiteral(fourOrNull, bigint));
    assertEquals(
        Optional.of(
            new Or(
                    new Predicate("=", new Column("ID"), Literal.ofLong(4)),
                    new Predicate("IS_NULL", new Column("ID")))
                .toString()),
        kernel(search));
  }

  private RexNode timestampEquals() {
    return rex.makeCall(
        SqlStdOperatorTable.EQUALS,
        ref(5, timestamp),
        rex.makeTimestampLiteral(new TimestampString("2026-01-01 00:00:00"), 0));
  }

  private Optional<String> kernel(RexNode... conditions) {
    List<PushedFilter> filters =
        Arrays.stream(conditions).map(c -> new PushedFilter(c, c.toString())).toList();
    return DeltaFilter.of(table, filters).predicate(schema).map(Predicate::toString);
  }

  private RexNode ref(int index, RelDataType type) {
    return rex.makeInputRef(types.createTypeWithNullability(type, true), index);
  }

  private RexNode number(long value, RelDataType type) {
    return rex.makeExactLiteral(BigDecimal.valueOf(value), type);
  }
}
