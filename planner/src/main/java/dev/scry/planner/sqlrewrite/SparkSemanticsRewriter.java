package dev.scry.planner.sqlrewrite;

import dev.scry.planner.ScryException;
import dev.scry.planner.operator.ScrySparkOperators;
import org.apache.calcite.sql.SqlBasicCall;
import org.apache.calcite.sql.SqlBasicTypeNameSpec;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlDataTypeSpec;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlOperator;
import org.apache.calcite.sql.type.SqlTypeName;
import org.apache.calcite.sql.util.SqlShuttle;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * Before validation, gives a query Spark's meaning where the parser bound a standard SQL one:
 * operators the parser resolves itself ({@code /}, {@code FLOOR}, {@code CEIL}, {@code EXTRACT}) become
 * their {@link ScrySparkOperators} versions, and {@code CAST(x AS CHAR(n))} / {@code VARCHAR(n)} becomes
 * {@code CAST(x AS VARCHAR)}: Spark neither pads nor truncates text in a cast. {@code CAST(x AS CHAR)}
 * without a length (CHAR(1) in SQL) is an error, as in Spark.
 */
public final class SparkSemanticsRewriter extends SqlShuttle {
  @Override
  public @Nullable SqlNode visit(SqlCall call) {
    SqlNode visited = super.visit(call);
    if (!(visited instanceof SqlBasicCall basic)) {
      return visited;
    }
    SqlOperator operator = basic.getOperator();
    boolean floorToUnit =
        (operator.getKind() == SqlKind.FLOOR || operator.getKind() == SqlKind.CEIL)
            && basic.operandCount() != 1;
    if (!floorToUnit) {
      basic.setOperator(ScrySparkOperators.replacement(operator));
    }
    if (operator.getKind() == SqlKind.CAST
        && basic.operandCount() == 2
        && basic.operand(1) instanceof SqlDataTypeSpec spec
        && isText(spec)) {
      if (spec.getTypeNameSpec() instanceof SqlBasicTypeNameSpec text
          && text.getPrecision() < 0
          && SqlTypeName.get(text.getTypeName().getSimple()) == SqlTypeName.CHAR) {
        // SQL reads CHAR as CHAR(1) and would cut the value to one character; Spark rejects it.
        throw new ScryException(
            "At line "
                + spec.getParserPosition().getLineNum()
                + ", column "
                + spec.getParserPosition().getColumnNum()
                + ": CAST to CHAR needs a length, as in Spark; "
                + "use VARCHAR (Spark neither pads nor truncates in a cast)");
      }
      basic.setOperand(
          1,
          new SqlDataTypeSpec(
              new SqlBasicTypeNameSpec(SqlTypeName.VARCHAR, spec.getParserPosition()),
              spec.getParserPosition()));
    }
    return basic;
  }

  private static boolean isText(SqlDataTypeSpec spec) {
    if (!(spec.getTypeNameSpec() instanceof SqlBasicTypeNameSpec basic)) {
      return false;
    }
    SqlTypeName name = SqlTypeName.get(basic.getTypeName().getSimple());
    return name == SqlTypeName.CHAR || name == SqlTypeName.VARCHAR;
  }
}
