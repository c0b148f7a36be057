package dev.scry.planner.operator;

import dev.scry.planner.sqlrewrite.SparkSemanticsRewriter;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.calcite.avatica.util.TimeUnitRange;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.runtime.CalciteException;
import org.apache.calcite.sql.SqlBasicFunction;
import org.apache.calcite.sql.SqlBinaryOperator;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlCallBinding;
import org.apache.calcite.sql.SqlDataTypeSpec;
import org.apache.calcite.sql.SqlFunction;
import org.apache.calcite.sql.SqlFunctionCategory;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlNumericLiteral;
import org.apache.calcite.sql.SqlOperator;
import org.apache.calcite.sql.SqlOperatorBinding;
import org.apache.calcite.sql.SqlOperatorTable;
import org.apache.calcite.sql.SqlSyntax;
import org.apache.calcite.sql.fun.SqlExtractFunction;
import org.apache.calcite.sql.fun.SqlFloorFunction;
import org.apache.calcite.sql.fun.SqlMonotonicBinaryOperator;
import org.apache.calcite.sql.fun.SqlStdOperatorTable;
import org.apache.calcite.sql.type.InferTypes;
import org.apache.calcite.sql.type.OperandTypes;
import org.apache.calcite.sql.type.ReturnTypes;
import org.apache.calcite.sql.type.SqlTypeName;
import org.apache.calcite.sql.type.SqlTypeTransforms;
import org.apache.calcite.sql.type.SqlTypeUtil;
import org.apache.calcite.sql.validate.SqlNameMatcher;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * The operators whose result type Spark decides differently from standard SQL, re-declared with Spark's
 * typing: the one place that states it. {@link SparkSemanticsRewriter} puts them into every query before
 * validation (for the operators the parser binds itself) and {@link #table} returns them when the
 * validator looks a function up by name. Each keeps its standard {@link SqlKind}, so Calcite's rules
 * treat it as the standard operator; the Spark engine maps each to the Spark function of the same name.
 *
 * <ul>
 *   <li>{@code /}: integers (and floating point) divide to DOUBLE ({@code 7 / 2} is 3.5); DECIMAL
 *       divides by Spark's precision and scale rule, an integer literal counting as the narrowest DECIMAL
 *       that holds it.</li>
 *   <li>{@code *}: DECIMAL(p1, s1) * DECIMAL(p2, s2) is DECIMAL(p1 + p2 + 1, s1 + s2), bounded as for
 *       {@code /}; other products as in SQL.</li>
 *   <li>{@code ROUND(x [, d])}: DECIMAL(p, s) becomes DECIMAL(p - s + 1 + min(s, d), min(s, d)) (one more
 *       integral digit for the carry); other types keep their type.</li>
 *   <li>{@code FLOOR(x)}, {@code CEIL(x)}: DECIMAL(p, s) with s &gt; 0 becomes DECIMAL(p - s + 1, 0);
 *       every other number becomes BIGINT.</li>
 *   <li>{@code SIGN(x)}: DOUBLE.</li>
 *   <li>{@code EXTRACT}: SECOND is DECIMAL(8, 6) with the fraction; the other fields are INTEGER.</li>
 * </ul>
 */
public final class ScrySparkOperators {
  /** Spark's largest DECIMAL precision, and the scale Spark keeps at least when a result must shrink. */
  private static final int MAX_PRECISION = 38;

  private static final int MINIMUM_ADJUSTED_SCALE = 6;

  public static final SqlBinaryOperator DIVIDE =
      new SqlBinaryOperator(
          "/",
          SqlKind.DIVIDE,
          60,
          true,
          ScrySparkOperators::divideType,
          InferTypes.FIRST_KNOWN,
          OperandTypes.DIVISION_OPERATOR);

  public static final SqlBinaryOperator MULTIPLY =
      new SqlMonotonicBinaryOperator(
          "*",
          SqlKind.TIMES,
          60,
          true,
          ScrySparkOperators::multiplyType,
          InferTypes.FIRST_KNOWN,
          OperandTypes.MULTIPLY_OPERATOR);

  public static final SqlFunction ROUND =
      SqlBasicFunction.create(
          "ROUND",
          ScrySparkOperators::roundType,
          OperandTypes.NUMERIC.or(OperandTypes.NUMERIC_INT32),
          SqlFunctionCategory.NUMERIC);

  public static final SqlFunction SIGN =
      SqlBasicFunction.create(
          "SIGN",
          ReturnTypes.DOUBLE.andThen(SqlTypeTransforms.TO_NULLABLE),
          OperandTypes.NUMERIC,
          SqlFunctionCategory.NUMERIC);

  public static final SqlFloorFunction FLOOR =
      ((SqlFloorFunction) SqlStdOperatorTable.FLOOR)
          .withReturnTypeInference(ScrySparkOperators::floorCeilType);

  public static final SqlFloorFunction CEIL =
      ((SqlFloorFunction) SqlStdOperatorTable.CEIL)
          .withReturnTypeInference(ScrySparkOperators::floorCeilType);

  public static final SqlFunction EXTRACT = new SparkExtract();

  /** Standard operator → its Spark-typed replacement. FLOOR/CEIL only with one operand (not TO unit). */
  private static final Map<SqlOperator, SqlOperator> REPLACEMENTS =
      Map.of(
          SqlStdOperatorTable.DIVIDE, DIVIDE,
          SqlStdOperatorTable.MULTIPLY, MULTIPLY,
          SqlStdOperatorTable.ROUND, ROUND,
          SqlStdOperatorTable.SIGN, SIGN,
          SqlStdOperatorTable.FLOOR, FLOOR,
          SqlStdOperatorTable.CEIL, CEIL,
          SqlStdOperatorTable.EXTRACT, EXTRACT);

  private ScrySparkOperators() {}

  /** Every Spark-typed operator, for the engine's mapping and for tests. */
  public static List<SqlOperator> all() {
    return List.copyOf(REPLACEMENTS.values());
  }

  /** The Spark-typed replacement of a standard operator, or the operator itself. */
  public static SqlOperator replacement(SqlOperator standard) {
    return REPLACEMENTS.getOrDefault(standard, standard);
  }

  /** {@code query} with the Spark-typed operators in place of the ones the parser bound (before validation). */
  public static SqlNode rewrite(SqlNode query) {
    return query.accept(new SparkSemanticsRewriter());
  }

  /** An operator table that answers like {@code standard}, with the Spark-typed operators in place. */
  public static SqlOperatorTable table(SqlOperatorTable standard) {
    return new SqlOperatorTable() {
      @Override
      public void lookupOperatorOverloads(
          SqlIdentifier opName,
          @Nullable SqlFunctionCategory category,
          SqlSyntax syntax,
          List<SqlOperator> operatorList,
          SqlNameMatcher nameMatcher) {
        List<SqlOperator> found = new ArrayList<>();
        standard.lookupOperatorOverloads(opName, category, syntax, found, nameMatcher);
        found.forEach(op -> operatorList.add(replacement(op)));
      }

      @Override
      public List<SqlOperator> getOperatorList() {
        return standard.getOperatorList().stream().map(ScrySparkOperators::replacement).toList();
      }
    };
  }

  private static @Nullable RelDataType divideType(SqlOperatorBinding binding) {
    RelDataType left = binding.getOperandType(0);
    RelDataType right = binding.getOperandType(1);
    if (!SqlTypeUtil.isNumeric(left) || !SqlTypeUtil.isNumeric(right)) {
      return ReturnTypes.QUOTIENT_NULLABLE.inferReturnType(binding); // intervals
    }
    RelDataTypeFactory types = binding.getTypeFactory();
    RelDataType result;
    if (SqlTypeUtil.isDecimal(left) || SqlTypeUtil.isDecimal(right)) {
      if (SqlTypeUtil.isApproximateNumeric(left) || SqlTypeUtil.isApproximateNumeric(right)) {
        result = types.createSqlType(SqlTypeName.DOUBLE);
      } else {
        int[] a = decimalView(binding, 0);
        int[] b = decimalView(binding, 1);
        int scale = Math.max(MINIMUM_ADJUSTED_SCALE, a[1] + b[0] + 1);
        int precision = a[0] - a[1] + b[1] + scale;
        result = boundedDecimal(types, precision, scale);
      }
    } else {
      result = types.createSqlType(SqlTypeName.DOUBLE);
    }
    return types.createTypeWithNullability(result, left.isNullable() || right.isNullable());
  }

  /** DECIMAL products as Spark types them: DECIMAL(p1 + p2 + 1, s1 + s2), bounded; all else as SQL. */
  private static @Nullable RelDataType multiplyType(SqlOperatorBinding binding) {
    RelDataType left = binding.getOperandType(0);
    RelDataType right = binding.getOperandType(1);
    if (!SqlTypeUtil.isExactNumeric(left)
        || !SqlTypeUtil.isExactNumeric(right)
        || !(SqlTypeUtil.isDecimal(left) || SqlTypeUtil.isDecimal(right))) {
      return ReturnTypes.PRODUCT_NULLABLE.inferReturnType(binding);
    }
    int[] a = decimalView(binding, 0);
    int[] b = decimalView(binding, 1);
    RelDataTypeFactory types = binding.getTypeFactory();
    return types.createTypeWithNullability(
        boundedDecimal(types, a[0] + b[0] + 1, a[1] + b[1]),
        left.isNullable() || right.isNullable());
  }

  /**
   * (precision, scale) Spark gives an exact operand in DECIMAL arithmetic: its own for DECIMAL, the
   * narrowest that holds the value for an integer literal, else 3, 5, 10 or 20 digits by integer type.
   */
  private static int[] decimalView(SqlOperatorBinding binding, int operand) {
    RelDataType type = binding.getOperandType(operand);
    if (SqlTypeUtil.isDecimal(type)) {
      // Not narrowed for a literal: Calcite folds CAST(1 AS DECIMAL(38, 10)) into a literal, which
      // Spark
      // keeps at its declared type.
      return new int[] {type.getPrecision(), type.getScale()};
    }
    BigDecimal value = integerLiteral(binding, operand);
    if (value != null) {
      return new int[] {Math.max(value.precision(), 1), 0};
    }
    switch (type.getSqlTypeName()) {
      case TINYINT:
        return new int[] {3, 0};
      case SMALLINT:
        return new int[] {5, 0};
      case INTEGER:
        return new int[] {10, 0};
      default:
        return new int[] {20, 0};
    }
  }

  /**
   * The operand's value when it is an integer literal. Validation must see {@code CAST(3 AS INTEGER)} as
   * the literal 3, as conversion does once Calcite folds the cast: otherwise the two type the product
   * differently and the converter fails its check that conversion preserves the validated types.
   */
  private static @Nullable BigDecimal integerLiteral(SqlOperatorBinding binding, int operand) {
    if (binding instanceof SqlCallBinding call && call.operand(operand).getKind() == SqlKind.CAST) {
      List<@Nullable SqlTypeName> targets = new ArrayList<>();
      SqlNode node = call.operand(operand);
      while (node.getKind() == SqlKind.CAST
          && ((SqlCall) node).operand(1) instanceof SqlDataTypeSpec spec) {
        targets.add(SqlTypeName.get(spec.getTypeName().getSimple()));
        node = ((SqlCall) node).operand(0);
      }
      BigDecimal value =
          node instanceof SqlNumericLiteral number && number.isInteger()
              ? number.getValueAs(BigDecimal.class)
              : null;
      return value != null && !targets.isEmpty() && targets.stream().allMatch(t -> fits(value, t))
          ? value
          : null;
    }
    return binding.isOperandLiteral(operand, false)
        ? binding.getOperandLiteralValue(operand, BigDecimal.class)
        : null;
  }

  /** Whether an integer type holds {@code value}: Calcite folds only a cast that does not overflow. */
  private static boolean fits(BigDecimal value, @Nullable SqlTypeName type) {
    long max =
        type == null
            ? -1
            : switch (type) {
              case TINYINT -> Byte.MAX_VALUE;
              case SMALLINT -> Short.MAX_VALUE;
              case INTEGER -> Integer.MAX_VALUE;
              case BIGINT -> Long.MAX_VALUE;
              default -> -1;
            };
    return max >= 0
        && value.compareTo(BigDecimal.valueOf(-max - 1)) >= 0
        && value.compareTo(BigDecimal.valueOf(max)) <= 0;
  }

  /** Spark's rule for a DECIMAL result wider than 38 digits: keep the integral digits, cut the scale. */
  static RelDataType boundedDecimal(RelDataTypeFactory types, int precision, int scale) {
    if (precision <= MAX_PRECISION) {
      return types.createSqlType(SqlTypeName.DECIMAL, precision, scale);
    }
    int integralDigits = precision - scale;
    int minimumScale = Math.min(scale, MINIMUM_ADJUSTED_SCALE);
    int adjustedScale = Math.max(MAX_PRECISION - integralDigits, minimumScale);
    return types.createSqlType(SqlTypeName.DECIMAL, MAX_PRECISION, adjustedScale);
  }

  private static RelDataType roundType(SqlOperatorBinding binding) {
    RelDataType argument = binding.getOperandType(0);
    if (!SqlTypeUtil.isDecimal(argument)) {
      return ReturnTypes.ARG0_NULLABLE.inferReturnType(binding);
    }
    int digits = 0;
    if (binding.getOperandCount() > 1) {
      Integer constant =
          binding.isOperandLiteral(1, false)
              ? binding.getOperandLiteralValue(1, Integer.class)
              : null;
      if (constant == null) {
        throw new CalciteException("ROUND of a DECIMAL needs a constant number of digits", null);
      }
      digits = constant;
    }
    int precision = argument.getPrecision();
    int scale = argument.getScale();
    int integralDigits = precision - scale + 1; // room for the carry: ROUND(9.9) is 10
    RelDataTypeFactory types = binding.getTypeFactory();
    RelDataType result =
        digits < 0
            ? types.createSqlType(
                SqlTypeName.DECIMAL,
                Math.min(Math.max(integralDigits, -digits + 1), MAX_PRECISION),
                0)
            : types.createSqlType(
                SqlTypeName.DECIMAL,
                Math.min(integralDigits + Math.min(scale, digits), MAX_PRECISION),
                Math.min(scale, digits));
    return nullableAsOperands(binding, result);
  }

  private static RelDataType floorCeilType(SqlOperatorBinding binding) {
    RelDataType argument = binding.getOperandType(0);
    if (binding.getOperandCount() != 1 || !SqlTypeUtil.isNumeric(argument)) {
      return ReturnTypes.ARG0_OR_EXACT_NO_SCALE.inferReturnType(
          binding); // FLOOR(x TO unit), intervals
    }
    RelDataTypeFactory types = binding.getTypeFactory();
    RelDataType result;
    if (SqlTypeUtil.isDecimal(argument)) {
      result =
          argument.getScale() == 0
              ? argument
              : types.createSqlType(
                  SqlTypeName.DECIMAL,
                  Math.min(argument.getPrecision() - argument.getScale() + 1, MAX_PRECISION),
                  0);
    } else {
      result = types.createSqlType(SqlTypeName.BIGINT);
    }
    return nullableAsOperands(binding, result);
  }

  private static RelDataType nullableAsOperands(SqlOperatorBinding binding, RelDataType type) {
    boolean nullable = binding.collectOperandTypes().stream().anyMatch(RelDataType::isNullable);
    return binding.getTypeFactory().createTypeWithNullability(type, nullable);
  }

  /** EXTRACT typed as Spark's: SECOND with its fraction as DECIMAL(8, 6), other fields INTEGER. */
  private static final class SparkExtract extends SqlExtractFunction {
    SparkExtract() {
      super("EXTRACT", false);
    }

    @Override
    public RelDataType inferReturnType(SqlOperatorBinding binding) {
      TimeUnitRange unit = binding.getOperandLiteralValue(0, TimeUnitRange.class);
      RelDataType source = binding.getOperandType(1);
      RelDataTypeFactory types = binding.getTypeFactory();
      if (unit == null || !SqlTypeUtil.isDatetime(source)) {
        return super.inferReturnType(binding);
      }
      RelDataType result =
          switch (unit) {
            case SECOND -> types.createSqlType(SqlTypeName.DECIMAL, 8, 6);
            case YEAR, QUARTER, MONTH, WEEK, DAY, DOY, DOW, ISODOW, HOUR, MINUTE ->
                types.createSqlType(SqlTypeName.INTEGER);
            default -> null;
          };
      return result == null
          ? super.inferReturnType(binding)
          : types.createTypeWithNullability(result, source.isNullable());
    }
  }
}
