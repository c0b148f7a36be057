package dev.scry.planner.operator;

import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlSpecialOperator;
import org.apache.calcite.sql.SqlWriter;
import org.apache.calcite.sql.type.OperandTypes;
import org.apache.calcite.sql.type.ReturnTypes;
import org.apache.calcite.sql.type.SqlTypeName;
import org.apache.calcite.sql.validate.SqlValidator;
import org.apache.calcite.sql.validate.SqlValidatorScope;

/**
 * The version in {@code t FOR VERSION AS OF n}, as the period of Calcite's snapshot node. Typed as a
 * TIMESTAMP only so that Calcite validates the snapshot as it does {@code FOR SYSTEM_TIME AS OF}; it is
 * never evaluated: the lake scan rule reads the version from it. Not in any operator table, so it
 * cannot be called by name.
 */
public final class TableVersionOperator extends SqlSpecialOperator {
  public static final TableVersionOperator INSTANCE = new TableVersionOperator();

  private TableVersionOperator() {
    super(
        "VERSION AS OF",
        SqlKind.OTHER,
        0,
        true,
        ReturnTypes.explicit(SqlTypeName.TIMESTAMP),
        null,
        OperandTypes.EXACT_NUMERIC);
  }

  /** Typed here: Calcite's default looks the operator up by name, and no operator table holds it. */
  @Override
  public RelDataType deriveType(SqlValidator validator, SqlValidatorScope scope, SqlCall call) {
    for (SqlNode operand : call.getOperandList()) {
      validator.deriveType(scope, operand);
    }
    return validateOperands(validator, scope, call);
  }

  @Override
  public void unparse(SqlWriter writer, SqlCall call, int leftPrec, int rightPrec) {
    writer.keyword("VERSION");
    call.operand(0).unparse(writer, 0, 0);
  }
}
