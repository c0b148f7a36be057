package dev.scry.engine.translate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.scry.engine.predict.PredictRunner;
import dev.scry.planner.catalog.TableFormat;
import dev.scry.planner.model.ElementType;
import dev.scry.planner.model.ModelInput;
import dev.scry.planner.predict.InputBinding;
import dev.scry.planner.predict.ModelRef;
import dev.scry.planner.predict.OutputColumn;
import dev.scry.planner.predict.PredictSpec;
import dev.scry.planner.rel.PredictRel;
import java.math.BigDecimal;
import java.math.MathContext;
import java.nio.file.Path;
import java.sql.Date;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.calcite.plan.RelOptUtil;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.core.JoinRelType;
import org.apache.calcite.rel.rules.CoreRules;
import org.apache.calcite.rel.rules.PruneEmptyRules;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.sql.type.SqlTypeName;
import org.apache.calcite.sql2rel.RelDecorrelator;
import org.apache.calcite.tools.RelBuilder;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.catalyst.plans.logical.LogicalPlan;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.DecimalType;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import scala.collection.Seq;
import scala.jdk.javaapi.CollectionConverters;

/** Plans SQL with Calcite, runs it through {@link RelToSpark}, and compares with Spark SQL on the same files. */
class RelToSparkTest {
  @TempDir static Path folder;
  static LakeFixture lake;
  static RelToSpark translator;

  /** A real, if trivial, scorer: appends twice the first bound field, named as the spec's output column. */
  static final PredictRunner DOUBLING =
      (data, spec) ->
          data.withColumn(
              spec.outputs().get(0).columnName(),
              data.col(data.columns()[spec.inputs().get(0).fields().get(0)]).multiply(2));

  @BeforeAll
  static void writeTables() {
    lake = new LakeFixture(folder);
    lake.table(
        "emp",
        TableFormat.PARQUET,
        """
        SELECT CAST(id AS INT) id, name, CAST(dept_id AS INT) dept_id, CAST(salary AS DECIMAL(10,2)) salary,
               CAST(bonus AS DOUBLE) bonus, hired, updated, CAST(tags AS ARRAY<STRING>) tags, pad
        FROM VALUES
          (1, 'Alice', 10, 120.50, 1.25, DATE'2019-03-01', TIMESTAMP'2021-03-04 05:06:07', array('x', 'y'), ' pad '),
          (2, 'Bob', 20, 99.99, -2.5, DATE'2020-07-15', TIMESTAMP'2020-01-01 00:00:00', array('z'), 'pad  '),
          (3, 'Carla', 10, 150.00, 3.75, DATE'2021-01-31', TIMESTAMP'2022-12-31 23:59:59', array(), '  pad'),
          (4, 'Dan', NULL, 200.10, NULL, DATE'2018-12-24', NULL, NULL, NULL),
          (5, 'Eve', 30, NULL, 0.5, DATE'2022-02-02', TIMESTAMP'2019-06-30 12:00:00', array('a', 'b', 'c'), 'x'),
          (6, 'Frank', 20, 120.50, 10.0, DATE'2020-01-01', TIMESTAMP'2020-05-05 05:05:05', array('q'), 'y')
        AS t(id, name, dept_id, salary, bonus, hired, updated, tags, pad)""");
    lake.table(
        "dept",
        TableFormat.CSV,
        """
        SELECT CAST(d AS INT) dept_id, n AS dept_name, CAST(b AS DECIMAL(12,2)) budget
        FROM VALUES (10, 'Sales', 1000.00), (20, 'R&D', 2500.50), (40, 'Ops', NULL) AS t(d, n, b)""");
    lake.table(
        "lineitem",
        TableFormat.PARQUET,
        """
        SELECT CAST(q AS DECIMAL(12,2)) l_quantity, CAST(p AS DECIMAL(12,2)) l_extendedprice,
               CAST(d AS DECIMAL(12,2)) l_discount
        FROM VALUES (10, 1000.00, 0.05), (20, 2000.00, 0.06), (5, 300.00, 0.07), (30, 999.99, 0.06),
                    (1, 100.00, 0.04), (2, 50.00, 0.08) AS t(q, p, d)""");
    translator = new RelToSpark(lake.spark, new FileScanReader(lake.spark), DOUBLING);
  }

  @Test
  void projectionsAndFilters() {
    assertSame(
        "SELECT id, name, salary * 2 AS s2, bonus + 1, -id FROM emp WHERE dept_id = 10 OR salary > 150");
    assertSame(
        "SELECT name FROM emp WHERE dept_id IS NULL OR bonus IS NOT NULL AND NOT (id IN (1, 2, 3))");
    // '/' is Spark's: integers divide to a fraction.
    assertSame("SELECT id / 4, id * 1.5, salary / 3, id - 10 FROM emp WHERE id BETWEEN 2 AND 5");
  }

  @Test
  void aggregates() {
    assertSame(
        "SELECT dept_id, COUNT(*), COUNT(DISTINCT name), SUM(salary), AVG(bonus), MIN(hired), MAX(name), "
            + "COUNT(bonus) FROM emp GROUP BY dept_id");
    assertSame(
        "SELECT COUNT(*), SUM(salary), MAX(bonus), COUNT(*) FILTER (WHERE bonus > 1) FROM emp");
    assertSame("SELECT COUNT(*), SUM(salary) FROM emp WHERE id > 100");
    assertSame(
        "SELECT dept_id, SUM(salary) AS total FROM emp GROUP BY dept_id HAVING SUM(salary) > 200");
    assertSame("SELECT DISTINCT dept_id FROM emp");
  }

  @Test
  void groupingSets() {
    assertSame(
        "SELECT dept_id, name, SUM(salary), COUNT(*), GROUPING(dept_id) FROM emp "
            + "GROUP BY GROUPING SETS ((dept_id, name), (dept_id), ())");
    assertSame("SELECT dept_id, SUM(bonus) FROM emp GROUP BY ROLLUP(dept_id)");
  }

  @Test
  void joinsOfEveryKind() {
    for (String kind : List.of("JOIN", "LEFT JOIN", "RIGHT JOIN", "FULL JOIN")) {
      assertSame(
          "SELECT e.name, d.dept_name, d.budget FROM emp e "
              + kind
              + " dept d ON e.dept_id = d.dept_id");
    }
    assertSame(
        "SELECT a.name, b.name FROM emp a JOIN emp b ON a.id = b.id + 1 AND a.dept_id <> 30");
    assertSame(
        "SELECT e.name, d.dept_name FROM emp e LEFT JOIN dept d ON e.dept_id = d.dept_id AND d.budget > 1500");
    assertSame("SELECT e.id, d.dept_id FROM emp e CROSS JOIN dept d");
  }

  @Test
  void semiAndAntiJoins() {
    for (JoinRelType type : List.of(JoinRelType.SEMI, JoinRelType.ANTI)) {
      RelBuilder b = lake.relBuilder();
      RelNode plan =
          b.scan("emp")
              .scan("dept")
              .join(type, b.equals(b.field(2, 0, "dept_id"), b.field(2, 1, "dept_id")))
              .project(b.field("id"), b.field("name"))
              .build();
      String spark =
          "SELECT id, name FROM emp LEFT " + type + " JOIN dept ON emp.dept_id = dept.dept_id";
      assertEquals(
          normalized(lake.spark.sql(spark), false),
          normalized(translator.translate(plan, List.of()), false),
          type + " join");
    }
  }

  @Test
  void subQueriesPlannedAsJoins() {
    // The planner removes sub-queries; the engine sees the joins and aggregates they become.
    String sql =
        "SELECT name FROM emp WHERE dept_id IN (SELECT dept_id FROM dept WHERE budget > 1500)";
    RelNode plan = lake.plan(sql, CoreRules.FILTER_SUB_QUERY_TO_CORRELATE);
    plan = RelDecorrelator.decorrelateQuery(plan, lake.relBuilder());
    assertEquals(
        normalized(lake.spark.sql(sql), false),
        normalized(translator.translate(plan, List.of()), false));
  }

  @Test
  void setOperations() {
    for (String op :
        List.of("UNION", "UNION ALL", "INTERSECT", "INTERSECT ALL", "EXCEPT", "EXCEPT ALL")) {
      assertSame("SELECT dept_id FROM emp " + op + " SELECT dept_id FROM dept");
    }
    assertSame(
        "SELECT id, name FROM emp WHERE id < 3 UNION ALL SELECT dept_id, dept_name FROM dept "
            + "UNION ALL SELECT 7, 'seven' FROM emp WHERE id = 1");
  }

  @Test
  void orderLimitOffset() {
    assertSameOrdered(
        "SELECT id, name FROM emp ORDER BY salary DESC NULLS LAST, id LIMIT 3 OFFSET 2",
        "SELECT id, name FROM emp ORDER BY salary DESC NULLS LAST, id LIMIT 3 OFFSET 2");
    assertSameOrdered("SELECT name, bonus FROM emp ORDER BY bonus NULLS FIRST", null);
    // SQL's default puts NULLs last when ascending, first when descending (Spark's default is the
    // reverse).
    assertSameOrdered(
        "SELECT id, dept_id FROM emp ORDER BY dept_id, id",
        "SELECT id, dept_id FROM emp ORDER BY dept_id NULLS LAST, id");
    assertSameOrdered(
        "SELECT id, dept_id FROM emp ORDER BY dept_id DESC, id",
        "SELECT id, dept_id FROM emp ORDER BY dept_id DESC NULLS FIRST, id");
    assertSameOrdered(
        "SELECT id FROM emp ORDER BY id OFFSET 4 ROWS", "SELECT id FROM emp ORDER BY id OFFSET 4");
    assertEquals(
        2, translator.translate(lake.plan("SELECT id FROM emp LIMIT 2"), List.of()).count());
  }

  @Test
  void caseCastAndFunctions() {
    assertSame(
        "SELECT CASE WHEN salary > 150 THEN 3 WHEN salary > 100 THEN 2 ELSE 1 END, "
            + "CASE dept_id WHEN 10 THEN 'ten' ELSE NULL END, COALESCE(dept_id, -1), NULLIF(dept_id, 10) FROM emp");
    assertSame(
        "SELECT CAST(salary AS INTEGER), CAST(id AS VARCHAR(10)), CAST(bonus AS DECIMAL(6, 1)), "
            + "CAST('2020-02-03' AS DATE), CAST(hired AS TIMESTAMP), CAST(id AS DOUBLE), CAST('12' AS BIGINT), "
            + "CAST(salary AS VARCHAR(20)) FROM emp");
    assertSame(
        "SELECT UPPER(name), LOWER(name), SUBSTRING(name FROM 2 FOR 3), SUBSTRING(name FROM 3), "
            + "CHAR_LENGTH(name), name || '-' || CAST(id AS VARCHAR(5)), POSITION('a' IN name), "
            + "REPLACE(name, 'a', 'A'), TRIM(pad), TRIM(LEADING ' ' FROM pad), TRIM(TRAILING ' ' FROM pad), "
            + "name LIKE 'A%', name NOT LIKE '%a%', INITCAP(LOWER(name)) FROM emp");
    assertSame(
        "SELECT ABS(bonus), ROUND(bonus, 1), ROUND(salary), FLOOR(bonus), CEIL(bonus), MOD(id, 4), "
            + "POWER(bonus, 2), SQRT(ABS(bonus)), EXP(bonus), LN(ABS(bonus) + 1), ABS(salary - 150) FROM emp");
    assertSame(
        "SELECT EXTRACT(YEAR FROM hired), EXTRACT(MONTH FROM hired), EXTRACT(DAY FROM hired), "
            + "EXTRACT(HOUR FROM updated), EXTRACT(MINUTE FROM updated), EXTRACT(SECOND FROM updated), "
            + "hired + INTERVAL '3' DAY, hired < DATE '2020-01-01', updated > TIMESTAMP '2020-06-01 00:00:00' FROM emp");
    assertSame(
        "SELECT (bonus > 0) IS TRUE, (bonus > 1) IS NOT TRUE, (bonus > 1) IS FALSE, (bonus > 1) IS NOT FALSE "
            + "FROM emp");
  }

  @Test
  void characterCastFollowsSpark() {
    // Spark neither truncates nor pads in a cast to VARCHAR(n)/CHAR(n), and writes booleans in
    // lower case.
    Dataset<Row> result =
        translator.translate(
            lake.plan(
                "SELECT CAST(name AS VARCHAR(2)), CAST('ab' AS CHAR(4)), CAST(id > 3 AS VARCHAR(5)), CAST(TRUE AS VARCHAR(5)) "
                    + "FROM emp WHERE id = 5"),
            List.of());
    Row row = result.collectAsList().get(0);
    assertEquals("Eve", row.getString(0));
    assertEquals("ab", row.getString(1));
    assertEquals("true", row.getString(2));
    assertEquals("true", row.getString(3));
  }

  @Test
  void divisionAndRoundingAsSpark() {
    assertSame(
        "SELECT id / 2, salary / 3, salary / id, ROUND(salary / 7, 2), SIGN(id - 3), FLOOR(bonus), CEIL(salary / 7), "
            + "EXTRACT(SECOND FROM updated) FROM emp");
  }

  @Test
  void currentDateIsToday() {
    Row row =
        translator
            .translate(lake.plan("SELECT CURRENT_DATE FROM emp WHERE id = 1"), List.of())
            .select(functions.col("CURRENT_DATE").equalTo(functions.current_date()))
            .first();
    assertTrue(row.getBoolean(0));
  }

  @Test
  void arrays() {
    assertSame(
        "SELECT id, ARRAY[id, id + 1, 3], ARRAY['a', name], tags[1], tags[2], CARDINALITY(tags) FROM emp",
        "SELECT id, array(id, id + 1, 3), array('a', name), try_element_at(tags, 1), try_element_at(tags, 2), "
            + "cardinality(tags) FROM emp");
  }

  @Test
  void parametersAreTypedLiterals() {
    String sql =
        "SELECT id, salary FROM emp WHERE salary > ? AND name <> ? AND hired >= ? ORDER BY id LIMIT ?";
    List<Object> values =
        Arrays.asList(new BigDecimal("100.00"), "Bob", Date.valueOf("2019-01-01"), 2);
    Dataset<Row> result = translator.translate(lake.plan(sql), values);
    assertEquals(
        normalized(
            lake.spark.sql(
                "SELECT id, salary FROM emp WHERE salary > 100.00 AND name <> 'Bob' "
                    + "AND hired >= DATE'2019-01-01' ORDER BY id LIMIT 2"),
            true),
        normalized(result, true));
    // A value that looks like SQL stays a value.
    Dataset<Row> none =
        translator.translate(
            lake.plan("SELECT id FROM emp WHERE name = ?"), List.of("x' OR '1'='1"));
    assertEquals(0, none.count());
    IllegalArgumentException missing =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                translator.translate(
                    lake.plan("SELECT id FROM emp WHERE name = ? OR id = ?"), List.of("Bob")));
    assertTrue(missing.getMessage().contains("parameter 2"), missing.getMessage());
  }

  @Test
  void decimalsStayExact() {
    // TPC-H Q6: as DOUBLE, 0.06 + 0.01 is 0.06999999999999999 and the rows with discount 0.07 drop
    // out.
    String q6 =
        "SELECT SUM(l_extendedprice * l_discount) AS revenue FROM lineitem "
            + "WHERE l_discount BETWEEN 0.06 - 0.01 AND 0.06 + 0.01 AND l_quantity < 24";
    for (RelNode plan :
        List.of(
            lake.plan(q6),
            lake.plan(
                q6, CoreRules.FILTER_REDUCE_EXPRESSIONS, CoreRules.PROJECT_REDUCE_EXPRESSIONS))) {
      Dataset<Row> result = translator.translate(plan, List.of());
      assertTrue(
          result.schema().fields()[0].dataType() instanceof DecimalType,
          result.schema().toString());
      BigDecimal revenue = result.first().getDecimal(0);
      assertEquals(0, new BigDecimal("191.00").compareTo(revenue), "revenue " + revenue);
      assertEquals("revenue", result.columns()[0]);
    }
    Row sums =
        translator
            .translate(lake.plan("SELECT 0.1 + 0.2, SUM(l_discount) FROM lineitem"), List.of())
            .first();
    assertEquals(new BigDecimal("0.3"), sums.getDecimal(0));
    assertEquals(0, new BigDecimal("0.36").compareTo(sums.getDecimal(1)));
  }

  @Test
  void resultColumnsHaveCalciteNamesAndTypes() {
    RelNode plan = lake.plan("SELECT id AS ident, salary, bonus, name, hired FROM emp");
    Dataset<Row> result = translator.translate(plan, List.of());
    assertEquals(
        List.of("ident", "salary", "bonus", "name", "hired"), Arrays.asList(result.columns()));
    assertEquals(DataTypes.IntegerType, result.schema().fields()[0].dataType());
    assertEquals(DataTypes.createDecimalType(10, 2), result.schema().fields()[1].dataType());
    assertEquals(DataTypes.DoubleType, result.schema().fields()[2].dataType());
    assertEquals(DataTypes.StringType, result.schema().fields()[3].dataType());
    assertEquals(DataTypes.DateType, result.schema().fields()[4].dataType());
  }

  @Test
  void valuesAndCalc() {
    assertSame(
        "SELECT x, y FROM (VALUES (1, 'a'), (2, 'b'), (3, NULL)) AS t(x, y) WHERE x > 1",
        "SELECT x, y FROM VALUES (1, 'a'), (2, 'b'), (3, NULL) AS t(x, y) WHERE x > 1");
    String sql = "SELECT id + 1, UPPER(name) FROM emp WHERE bonus > 0";
    RelNode calc =
        lake.plan(sql, CoreRules.FILTER_TO_CALC, CoreRules.PROJECT_TO_CALC, CoreRules.CALC_MERGE);
    assertTrue(RelOptUtil.toString(calc).contains("Calc"), RelOptUtil.toString(calc));
    assertEquals(
        normalized(lake.spark.sql(sql), false),
        normalized(translator.translate(calc, List.of()), false));
    RelNode empty =
        lake.plan(
            "SELECT id FROM emp WHERE 1 = 0",
            CoreRules.FILTER_REDUCE_EXPRESSIONS,
            PruneEmptyRules.FILTER_INSTANCE,
            PruneEmptyRules.PROJECT_INSTANCE);
    assertEquals(0, translator.translate(empty, List.of()).count());
  }

  @Test
  void predictDelegatesToTheRunner() {
    RelBuilder b = lake.relBuilder();
    RelNode plan = b.push(doublingPredict(b)).filter(b.isNotNull(b.field("score"))).build();
    assertEquals(
        normalized(
            lake.spark.sql("SELECT name, bonus, bonus * 2 FROM emp WHERE bonus IS NOT NULL"),
            false),
        normalized(translator.translate(plan, List.of()), false));
  }

  @Test
  void aggregateOverPredictIsAnalyzedOnceAbovePredict() {
    List<LogicalPlan> scored = new ArrayList<>();
    PredictRunner recording =
        (data, spec) -> {
          Dataset<Row> result = DOUBLING.predict(data, spec);
          scored.add(((org.apache.spark.sql.classic.Dataset<Row>) result).logicalPlan());
          return result;
        };
    RelBuilder b = lake.relBuilder();
    RelNode plan =
        b.push(doublingPredict(b))
            .aggregate(b.groupKey(), b.countStar("n"), b.avg(b.field("score")))
            .build();
    Dataset<Row> result =
        new RelToSpark(lake.spark, new FileScanReader(lake.spark), recording)
            .translate(plan, List.of());
    assertEquals(
        normalized(lake.spark.sql("SELECT count(*), avg(bonus * 2) FROM emp"), false),
        normalized(result, false));
    // PREDICT's renaming, the aggregate and the naming select were stacked on PREDICT's own
    // (analyzed) plan unanalyzed, and analyzed once, together: no Dataset in between.
    List<LogicalPlan> analyzed = new ArrayList<>();
    collectAnalyzed(
        ((org.apache.spark.sql.classic.Dataset<Row>) result).queryExecution().logical(), analyzed);
    assertEquals(1, scored.size());
    assertEquals(1, analyzed.size(), analyzed::toString);
    Assertions.assertSame(scored.get(0), analyzed.get(0));
  }

  /** The topmost subtrees of {@code plan} that were analyzed before (Datasets of their own). */
  private static void collectAnalyzed(LogicalPlan plan, List<LogicalPlan> found) {
    if (plan.analyzed()) {
      found.add(plan);
      return;
    }
    for (LogicalPlan child : CollectionConverters.asJava(plan.children())) {
      collectAnalyzed(child, found);
    }
  }

  /** PREDICT of a model doubling emp.bonus into score, over (name, bonus), by {@link #DOUBLING}. */
  private static RelNode doublingPredict(RelBuilder b) {
    RelNode input = b.scan("emp").project(b.field("name"), b.field("bonus")).build();
    ModelInput modelInput = new ModelInput("x", ElementType.DOUBLE, List.of(-1L, 1L));
    PredictSpec spec =
        new PredictSpec(
            new ModelRef("doubler", 1, "file:///nowhere", "0"),
            16,
            List.of(
                new InputBinding(
                    modelInput, InputBinding.Source.COLUMNS, List.of(1), List.of("bonus"), 1)),
            List.of(0, 1),
            List.of(new OutputColumn("score", "y", new OutputColumn.Scalar(), ElementType.DOUBLE)));
    RelDataType rowType =
        b.getTypeFactory()
            .builder()
            .addAll(input.getRowType().getFieldList())
            .add(
                "score",
                b.getTypeFactory()
                    .createTypeWithNullability(
                        b.getTypeFactory().createSqlType(SqlTypeName.DOUBLE), true))
            .build();
    return new PredictRel(input.getCluster(), input.getTraitSet(), input, spec, rowType);
  }

  @Test
  void unsupportedFunctionIsNamed() {
    UnsupportedSqlException truncate =
        assertThrows(
            UnsupportedSqlException.class,
            () -> translator.translate(lake.plan("SELECT TRUNCATE(bonus, 1) FROM emp"), List.of()));
    assertTrue(truncate.getMessage().contains("TRUNCATE"), truncate.getMessage());
    UnsupportedSqlException window =
        assertThrows(
            UnsupportedSqlException.class,
            () ->
                translator.translate(
                    lake.plan("SELECT COUNT(DISTINCT id) OVER (ORDER BY id) FROM emp"), List.of()));
    assertTrue(window.getMessage().contains("COUNT"), window.getMessage());
  }

  // --- comparison helpers ---

  private static void assertSame(String sql) {
    assertSame(sql, sql);
  }

  private static void assertSame(String calciteSql, String sparkSql) {
    Dataset<Row> actual = translator.translate(lake.plan(calciteSql), List.of());
    assertEquals(
        normalized(lake.spark.sql(sparkSql), false), normalized(actual, false), calciteSql);
  }

  private static void assertSameOrdered(String calciteSql, String sparkSql) {
    Dataset<Row> actual = translator.translate(lake.plan(calciteSql), List.of());
    Dataset<Row> expected = lake.spark.sql(sparkSql == null ? calciteSql : sparkSql);
    assertEquals(normalized(expected, true), normalized(actual, true), calciteSql);
  }

  /** Rows as strings, numbers compared by value to 12 significant digits (types differ between the two). */
  static List<String> normalized(Dataset<Row> data, boolean ordered) {
    List<String> rows = new ArrayList<>();
    for (Row row : data.collectAsList()) {
      List<String> values = new ArrayList<>();
      for (int i = 0; i < row.length(); i++) {
        values.add(normalize(row.get(i)));
      }
      rows.add(values.toString());
    }
    if (!ordered) {
      rows.sort(null);
    }
    return rows;
  }

  private static String normalize(Object value) {
    if (value == null) {
      return "null";
    }
    if (value instanceof Seq<?> seq) {
      List<String> elements = new ArrayList<>();
      for (Object element : CollectionConverters.asJava(seq)) {
        elements.add(normalize(element));
      }
      return elements.toString();
    }
    if (value instanceof Number number) {
      BigDecimal decimal =
          value instanceof BigDecimal exact
              ? exact
              : value instanceof Double || value instanceof Float
                  ? new BigDecimal(number.doubleValue())
                  : BigDecimal.valueOf(number.longValue());
      return decimal.round(new MathContext(12)).stripTrailingZeros().toPlainString();
    }
    return value.toString();
  }
}
