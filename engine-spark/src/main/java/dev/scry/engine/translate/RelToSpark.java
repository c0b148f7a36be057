package dev.scry.engine.translate;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.when;

import dev.scry.engine.SparkTypes;
import dev.scry.engine.SystemTableSource;
import dev.scry.engine.predict.PredictRunner;
import dev.scry.planner.ScryException;
import dev.scry.planner.catalog.LakeTable;
import dev.scry.planner.rel.LakeTableScan;
import dev.scry.planner.rel.PredictRel;
import dev.scry.planner.scan.LakeScanSpec;
import dev.scry.planner.scan.PushedFilter;
import dev.scry.planner.system.SystemTable;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import org.apache.calcite.plan.RelOptUtil;
import org.apache.calcite.rel.RelFieldCollation;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.core.Aggregate;
import org.apache.calcite.rel.core.AggregateCall;
import org.apache.calcite.rel.core.Calc;
import org.apache.calcite.rel.core.Filter;
import org.apache.calcite.rel.core.Intersect;
import org.apache.calcite.rel.core.Join;
import org.apache.calcite.rel.core.Minus;
import org.apache.calcite.rel.core.Project;
import org.apache.calcite.rel.core.SetOp;
import org.apache.calcite.rel.core.Sort;
import org.apache.calcite.rel.core.TableScan;
import org.apache.calcite.rel.core.Union;
import org.apache.calcite.rel.core.Values;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeField;
import org.apache.calcite.rex.RexDynamicParam;
import org.apache.calcite.rex.RexLiteral;
import org.apache.calcite.rex.RexLocalRef;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.rex.RexProgram;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.util.ImmutableBitSet;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import scala.collection.immutable.Seq;
import scala.jdk.javaapi.CollectionConverters;

/**
 * Translates an optimized tree of Calcite relational expressions into a Spark Dataset, one relational
 * expression at a time through Spark's Dataset and Column API (no SQL text).
 *
 * <p>Every intermediate Dataset names its columns by position ({@link Positional}), so that Calcite's
 * field index i is column {@code _ci} whatever the input was; a join renames its right side to continue
 * the numbering. Only {@link #translate} gives the result Calcite's column names and Spark types that
 * match Calcite's row type. Scans, filters, projections, simple aggregates and PREDICT's renaming are
 * stacked as a {@link DeferredDataset} and analyzed together when an operator above needs a Dataset, or
 * at the end: a point query (scan, filter, naming select) runs Spark's analyzer once, not once per
 * operator, and an aggregate over PREDICT three times (PREDICT's input, PREDICT, the rest).
 */
public final class RelToSpark {
  private final SparkSession spark;
  private final ScanReader scanReader;
  private final PredictRunner predictRunner;
  private final SystemTableSource systemTables;

  public RelToSpark(SparkSession spark, ScanReader scanReader, PredictRunner predictRunner) {
    this(spark, scanReader, predictRunner, SystemTableSource.NONE);
  }

  public RelToSpark(
      SparkSession spark,
      ScanReader scanReader,
      PredictRunner predictRunner,
      SystemTableSource systemTables) {
    this.spark = Objects.requireNonNull(spark, "spark");
    this.scanReader = Objects.requireNonNull(scanReader, "scanReader");
    this.predictRunner = Objects.requireNonNull(predictRunner, "predictRunner");
    this.systemTables = Objects.requireNonNull(systemTables, "systemTables");
  }

  /**
   * The Dataset computing {@code root}, with {@code parameters} bound to its dynamic parameters (by
   * index), columns named as in Calcite's row type and cast to the matching Spark types.
   */
  public Dataset<Row> translate(RelNode root, List<Object> parameters) {
    RexToSpark rex = new RexToSpark(root.getCluster().getRexBuilder(), nullSafe(parameters));
    List<RelDataTypeField> fields = root.getRowType().getFieldList();
    Column[] named = new Column[fields.size()];
    Projection top = projection(root, rex);
    if (top != null) {
      // Name and cast in the top projection's own select: one Dataset (one analysis) fewer.
      for (RelDataTypeField field : fields) {
        named[field.getIndex()] =
            rex.translate(top.expressions().get(field.getIndex()))
                .cast(SparkTypes.toSpark(field.getType()))
                .as(field.getName());
      }
      return top.input().select(named).toDataset();
    }
    DeferredDataset result = deferred(root, rex);
    for (RelDataTypeField field : fields) {
      named[field.getIndex()] =
          col(Positional.name(field.getIndex()))
              .cast(SparkTypes.toSpark(field.getType()))
              .as(field.getName());
    }
    return result.select(named).toDataset();
  }

  /** A Project or Calc split into its translated input (a Calc's condition applied) and its expressions. */
  private record Projection(DeferredDataset input, List<RexNode> expressions) {}

  /** {@code rel} as a projection, or null when it is neither a Project nor a Calc. */
  private Projection projection(RelNode rel, RexToSpark rex) {
    if (rel instanceof Project project) {
      return new Projection(deferred(project.getInput(), rex), project.getProjects());
    }
    if (rel instanceof Calc calc) {
      RexProgram program = calc.getProgram();
      DeferredDataset input = deferred(calc.getInput(), rex);
      RexLocalRef condition = program.getCondition();
      if (condition != null) {
        input = input.where(rex.condition(program.expandLocalRef(condition)));
      }
      List<RexNode> projects = new ArrayList<>();
      for (RexLocalRef ref : program.getProjectList()) {
        projects.add(program.expandLocalRef(ref));
      }
      return new Projection(input, projects);
    }
    return null;
  }

  private static List<Object> nullSafe(List<Object> parameters) {
    // List.copyOf rejects nulls, and NULL is a legitimate parameter value.
    return parameters == null
        ? List.of()
        : Collections.unmodifiableList(new ArrayList<>(parameters));
  }

  /**
   * {@code rel} with scans, filters, projections and simple aggregates stacked unanalyzed (see {@link
   * DeferredDataset}), so that the common scan-filter-project-aggregate queries run Spark's analyzer
   * once; any other operator is translated, and analyzed, as a Dataset.
   */
  private DeferredDataset deferred(RelNode rel, RexToSpark rex) {
    if (rel instanceof TableScan scan) {
      return scan(scan, rex, null);
    }
    Projection projection = projection(rel, rex);
    if (projection != null) {
      return project(projection.input(), projection.expressions(), rex);
    }
    if (rel instanceof Filter filter) {
      if (filter.getInput() instanceof TableScan scan) {
        return scan(scan, rex, filter.getCondition());
      }
      return deferred(filter.getInput(), rex).where(rex.condition(filter.getCondition()));
    }
    if (rel instanceof PredictRel predict) {
      return predict(predict, rex);
    }
    if (rel instanceof Aggregate aggregate) {
      return aggregate(aggregate, rex);
    }
    return DeferredDataset.of(visit(rel, rex));
  }

  /**
   * A system table's rows as they are now, as a local relation: Spark answers a collect of it (and of
   * filters and projections over it) on the driver, without a job.
   */
  private Dataset<Row> systemRows(SystemTable table, RelDataType rowType) {
    String[] names = Positional.names(rowType.getFieldCount());
    List<StructField> fields = new ArrayList<>();
    for (int i = 0; i < names.length; i++) {
      fields.add(
          DataTypes.createStructField(
              names[i], SparkTypes.toSpark(rowType.getFieldList().get(i).getType()), true));
    }
    List<Row> rows = new ArrayList<>();
    for (List<Object> values : systemTables.rows(table)) {
      rows.add(RowFactory.create(values.toArray()));
    }
    return spark.createDataFrame(rows, DataTypes.createStructType(fields));
  }

  private Dataset<Row> visit(RelNode rel, RexToSpark rex) {
    if (rel instanceof TableScan
        || rel instanceof Filter
        || rel instanceof Project
        || rel instanceof Calc
        || rel instanceof PredictRel
        || rel instanceof Aggregate) {
      return deferred(rel, rex).toDataset();
    }
    if (rel instanceof Sort sort) {
      return sort(sort, rex);
    }
    if (rel instanceof Join join) {
      return join(join, rex);
    }
    if (rel instanceof SetOp setOp) {
      return setOp(setOp, rex);
    }
    if (rel instanceof Values values) {
      return values(values, rex);
    }
    throw new UnsupportedSqlException(
        "The Spark engine does not support the relational operator " + rel.getRelTypeName());
  }

  /**
   * A scan reads what the planner's spec says (a plain TableScan, from plans built without the planner's
   * pushdown, reads the whole table); the pushed filters are applied right on the file source, where
   * Spark hands them to the reader. {@code above} is the condition of a Filter right over the scan, or
   * null: the pushed filters are conjuncts of it, so it is applied in the same {@code where}.
   */
  private DeferredDataset scan(TableScan scan, RexToSpark rex, RexNode above) {
    SystemTable system = scan.getTable().unwrap(SystemTable.class);
    if (system != null) {
      DeferredDataset rows = DeferredDataset.of(systemRows(system, scan.getRowType()));
      return above == null ? rows : rows.where(rex.condition(above));
    }
    LakeTable table = scan.getTable().unwrap(LakeTable.class);
    if (table == null) {
      throw new UnsupportedSqlException(
          "Table "
              + String.join(".", scan.getTable().getQualifiedName())
              + " is not a lake table; the Spark engine cannot read it");
    }
    LakeScanSpec spec =
        scan instanceof LakeTableScan pushed
            ? pushed.spec()
            : LakeScanSpec.whole(table.definition());
    int expected = scan.getRowType().getFieldCount();
    if (spec.table().columns().size() != expected) {
      throw new IllegalStateException(
          "Table "
              + table.definition().qualifiedName()
              + " has "
              + spec.table().columns().size()
              + " columns; the plan expects "
              + expected);
    }
    DeferredDataset data = scanReader.deferred(spec, Positional.names(expected));
    if (data.analyzed() != null && data.analyzed().columns().length != expected) {
      throw new IllegalStateException(
          "Reading table "
              + table.definition().qualifiedName()
              + " gave "
              + data.analyzed().columns().length
              + " columns; the plan expects "
              + expected);
    }
    List<RexNode> conditions = new ArrayList<>();
    if (above != null) {
      conditions.addAll(RelOptUtil.conjunctions(above));
    }
    for (PushedFilter filter : spec.filters()) {
      if (!conditions.contains(filter.condition())) {
        conditions.add(filter.condition());
      }
    }
    if (conditions.isEmpty()) {
      return data;
    }
    Column where = rex.condition(conditions.get(0));
    for (RexNode condition : conditions.subList(1, conditions.size())) {
      where = where.and(rex.condition(condition));
    }
    return data.where(where);
  }

  private DeferredDataset predict(PredictRel predict, RexToSpark rex) {
    Dataset<Row> scored = predictRunner.predict(visit(predict.getInput(), rex), predict.spec());
    int expected = predict.getRowType().getFieldCount();
    if (scored.columns().length != expected) {
      throw new IllegalStateException(
          "PREDICT with model "
              + predict.spec().model().qualifiedName()
              + " gave "
              + scored.columns().length
              + " columns; the plan expects "
              + expected);
    }
    return renamed(scored, Positional.names(expected));
  }

  /**
   * {@code data.toDF(names)}, stacked unanalyzed when {@code data}'s own column names tell its columns
   * apart (a model output may share a name with another column; then by position, analyzed).
   */
  private static DeferredDataset renamed(Dataset<Row> data, String[] names) {
    String[] current = data.columns();
    Set<String> distinct = new HashSet<>();
    for (String name : current) {
      distinct.add(name.toLowerCase(Locale.ROOT));
    }
    if (distinct.size() < current.length) {
      return DeferredDataset.of(data.toDF(names));
    }
    Column[] columns = new Column[current.length];
    for (int i = 0; i < columns.length; i++) {
      columns[i] = col("`" + current[i].replace("`", "``") + "`").as(names[i]);
    }
    return DeferredDataset.of(data).select(columns);
  }

  private static DeferredDataset project(
      DeferredDataset input, List<RexNode> expressions, RexToSpark rex) {
    Column[] columns = new Column[expressions.size()];
    for (int i = 0; i < columns.length; i++) {
      columns[i] = rex.translate(expressions.get(i)).as(Positional.name(i));
    }
    return input.select(columns);
  }

  private DeferredDataset aggregate(Aggregate aggregate, RexToSpark rex) {
    DeferredDataset input = deferred(aggregate.getInput(), rex);
    List<Column> keys = new ArrayList<>();
    for (int key : aggregate.getGroupSet()) {
      keys.add(col(Positional.name(key)));
    }
    List<Column> calls = new ArrayList<>();
    boolean groupingCalls = false;
    for (AggregateCall call : aggregate.getAggCallList()) {
      SqlKind kind = call.getAggregation().getKind();
      if (kind == SqlKind.GROUPING || kind == SqlKind.GROUPING_ID) {
        groupingCalls = true;
        calls.add(grouping(call));
      } else {
        calls.add(aggregateCall(call));
      }
    }
    int width = aggregate.getRowType().getFieldCount();
    if (aggregate.getGroupType() != Aggregate.Group.SIMPLE || groupingCalls) {
      for (int i = 0; i < calls.size(); i++) {
        calls.set(i, calls.get(i).as("_a" + i));
      }
      List<Seq<Column>> sets = new ArrayList<>();
      for (ImmutableBitSet set : aggregate.getGroupSets()) {
        List<Column> setKeys = new ArrayList<>();
        for (int key : set) {
          setKeys.add(col(Positional.name(key)));
        }
        sets.add(CollectionConverters.asScala(setKeys).toList());
      }
      List<Column> allCalls =
          calls.isEmpty() ? List.of(functions.count(lit(1)).as("_unused")) : calls;
      Dataset<Row> result =
          input
              .toDataset()
              .groupingSets(
                  CollectionConverters.asScala(sets).toList(), keys.toArray(Column[]::new))
              .agg(allCalls.get(0), allCalls.subList(1, allCalls.size()).toArray(Column[]::new));
      return DeferredDataset.of(
          result.select(firstColumns(result, width)).toDF(Positional.names(width)));
    }
    if (calls.isEmpty()) {
      if (keys.isEmpty()) {
        // GROUP BY () without aggregates: exactly one row with no columns, even over no rows.
        return DeferredDataset.of(spark.range(1).select());
      }
      return DeferredDataset.of(
          input
              .toDataset()
              .select(keys.toArray(Column[]::new))
              .distinct()
              .toDF(Positional.names(width)));
    }
    // The keys, then the aggregates, named by position in the aggregate itself: no renaming above
    // it.
    List<Column> columns = new ArrayList<>();
    for (Column key : keys) {
      columns.add(key.as(Positional.name(columns.size())));
    }
    for (Column call : calls) {
      columns.add(call.as(Positional.name(columns.size())));
    }
    return input.aggregate(keys, columns);
  }

  private static Column[] firstColumns(Dataset<Row> data, int count) {
    String[] names = data.columns();
    Column[] columns = new Column[count];
    for (int i = 0; i < count; i++) {
      columns[i] = data.col("`" + names[i] + "`");
    }
    return columns;
  }

  /** GROUPING(a, b, ...): a bit per argument, set when the row's grouping set leaves it out. */
  private static Column grouping(AggregateCall call) {
    Column[] args =
        call.getArgList().stream().map(i -> col(Positional.name(i))).toArray(Column[]::new);
    return args.length == 1
        ? functions.grouping(args[0]).cast("long")
        : functions.grouping_id(args);
  }

  private static Column aggregateCall(AggregateCall call) {
    List<Column> args = new ArrayList<>();
    for (int arg : call.getArgList()) {
      args.add(col(Positional.name(arg)));
    }
    if (call.filterArg >= 0) {
      // FILTER (WHERE f): the aggregate sees NULL for rows that fail f, and every aggregate skips
      // NULLs.
      Column keep = col(Positional.name(call.filterArg));
      if (args.isEmpty()) {
        args.add(when(keep, lit(1)));
      } else {
        args.replaceAll(a -> when(keep, a));
      }
    }
    if (call.hasCollation() && !call.collation.getFieldCollations().isEmpty()) {
      throw new UnsupportedSqlException(
          "The Spark engine does not support WITHIN GROUP ordering of "
              + call.getAggregation().getName());
    }
    return SparkFunctionMap.aggregate(call).apply(call, args);
  }

  private Dataset<Row> sort(Sort sort, RexToSpark rex) {
    Dataset<Row> input = visit(sort.getInput(), rex);
    List<RelFieldCollation> collations = sort.getCollation().getFieldCollations();
    if (!collations.isEmpty()) {
      input = input.orderBy(collations.stream().map(RelToSpark::sortKey).toArray(Column[]::new));
    }
    if (sort.offset != null) {
      input = input.offset(count(sort.offset, "OFFSET", rex));
    }
    if (sort.fetch != null) {
      input = input.limit(count(sort.fetch, "FETCH", rex));
    }
    return input;
  }

  private static Column sortKey(RelFieldCollation collation) {
    Column key = col(Positional.name(collation.getFieldIndex()));
    boolean descending = collation.getDirection().isDescending();
    RelFieldCollation.NullDirection nulls =
        collation.nullDirection == RelFieldCollation.NullDirection.UNSPECIFIED
            ? collation.getDirection().defaultNullDirection()
            : collation.nullDirection;
    boolean nullsFirst = nulls == RelFieldCollation.NullDirection.FIRST;
    if (descending) {
      return nullsFirst ? key.desc_nulls_first() : key.desc_nulls_last();
    }
    return nullsFirst ? key.asc_nulls_first() : key.asc_nulls_last();
  }

  private static int count(RexNode node, String clause, RexToSpark rex) {
    Object value;
    if (node instanceof RexLiteral literal) {
      value = literal.getValue();
    } else if (node instanceof RexDynamicParam param) {
      value = rex.parameter(param.getIndex());
    } else {
      throw new UnsupportedSqlException(clause + " must be a constant or a parameter, not " + node);
    }
    BigDecimal count = value instanceof Number number ? decimal(number) : null;
    if (count == null
        || count.signum() < 0
        || count.stripTrailingZeros().scale() > 0
        || count.compareTo(BigDecimal.valueOf(Integer.MAX_VALUE)) > 0) {
      // A parameter bound to another type, a fraction or a negative number: the user's error, not a
      // bug.
      throw new ScryException(
          clause + " must be a whole number from 0 to " + Integer.MAX_VALUE + ", not " + value);
    }
    return count.intValueExact();
  }

  /** The number exactly, or null for an infinite or NaN double (which BigDecimal cannot hold). */
  private static BigDecimal decimal(Number number) {
    try {
      return number instanceof BigDecimal decimal ? decimal : new BigDecimal(number.toString());
    } catch (NumberFormatException e) {
      return null;
    }
  }

  private Dataset<Row> join(Join join, RexToSpark rex) {
    Dataset<Row> left = visit(join.getLeft(), rex);
    int leftWidth = join.getLeft().getRowType().getFieldCount();
    int rightWidth = join.getRight().getRowType().getFieldCount();
    Dataset<Row> right = visit(join.getRight(), rex).toDF(Positional.names(leftWidth, rightWidth));
    String type;
    switch (join.getJoinType()) {
      case INNER:
        type = "inner";
        break;
      case LEFT:
        type = "left_outer";
        break;
      case RIGHT:
        type = "right_outer";
        break;
      case FULL:
        type = "full_outer";
        break;
      case SEMI:
        type = "left_semi";
        break;
      case ANTI:
        type = "left_anti";
        break;
      default:
        throw new UnsupportedSqlException(
            "The Spark engine does not support " + join.getJoinType() + " joins");
    }
    return left.join(right, rex.condition(join.getCondition()), type);
  }

  private Dataset<Row> setOp(SetOp setOp, RexToSpark rex) {
    List<RelDataTypeField> fields = setOp.getRowType().getFieldList();
    Dataset<Row> result = null;
    for (RelNode input : setOp.getInputs()) {
      // Cast every input to the set operation's column types: Spark matches columns by position and
      // would otherwise pick its own common type.
      Column[] aligned = new Column[fields.size()];
      for (RelDataTypeField field : fields) {
        aligned[field.getIndex()] =
            col(Positional.name(field.getIndex()))
                .cast(SparkTypes.toSpark(field.getType()))
                .as(Positional.name(field.getIndex()));
      }
      Dataset<Row> next = deferred(input, rex).select(aligned).toDataset();
      result = result == null ? next : combine(setOp, result, next);
    }
    if (setOp instanceof Union && !setOp.all) {
      result = result.distinct();
    }
    return result;
  }

  private static Dataset<Row> combine(SetOp setOp, Dataset<Row> left, Dataset<Row> right) {
    if (setOp instanceof Union) {
      return left.unionAll(right);
    }
    if (setOp instanceof Intersect) {
      return setOp.all ? left.intersectAll(right) : left.intersect(right);
    }
    if (setOp instanceof Minus) {
      return setOp.all ? left.exceptAll(right) : left.except(right);
    }
    throw new UnsupportedSqlException(
        "The Spark engine does not support the set operation " + setOp.getRelTypeName());
  }

  private Dataset<Row> values(Values values, RexToSpark rex) {
    List<RelDataTypeField> fields = values.getRowType().getFieldList();
    if (values.getTuples().isEmpty()) {
      List<Row> none = List.of();
      return spark
          .createDataFrame(none, SparkTypes.toSchema(values.getRowType()))
          .toDF(Positional.names(fields.size()));
    }
    if (fields.isEmpty()) {
      return spark.range(values.getTuples().size()).select();
    }
    List<Column> rows = new ArrayList<>();
    for (List<RexLiteral> tuple : values.getTuples()) {
      Column[] row = new Column[fields.size()];
      for (RelDataTypeField field : fields) {
        RelDataType type = field.getType();
        row[field.getIndex()] =
            rex.translate(tuple.get(field.getIndex()))
                .cast(SparkTypes.toSpark(type))
                .as(Positional.name(field.getIndex()));
      }
      rows.add(functions.struct(row));
    }
    // One row, exploded into the tuples: a single plan node however many tuples there are.
    return spark.range(1).select(functions.inline(functions.array(rows.toArray(Column[]::new))));
  }
}
