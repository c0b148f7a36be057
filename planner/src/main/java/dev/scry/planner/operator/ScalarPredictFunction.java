package dev.scry.planner.operator;

import dev.scry.planner.ScryException;
import dev.scry.planner.catalog.ModelRegistry;
import dev.scry.planner.model.ModelInput;
import dev.scry.planner.predict.BoundPredict;
import dev.scry.planner.predict.OutputColumn;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.rex.RexBuilder;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlFunction;
import org.apache.calcite.sql.SqlFunctionCategory;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlLiteral;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlOperandCountRange;
import org.apache.calcite.sql.type.SqlOperandCountRanges;
import org.apache.calcite.sql.type.SqlTypeName;
import org.apache.calcite.sql.validate.SqlValidator;
import org.apache.calcite.sql.validate.SqlValidatorScope;
import org.apache.calcite.sql2rel.SqlRexContext;

/**
 * The scalar form {@code PREDICT('model', arg, …)} or {@code PREDICT('model', *)} in a SELECT list, as in
 * Synapse Spark: its value is the model's first output. Positional arguments fill the model's single input
 * (one argument for a [N] or [N,1] input, k arguments for [N,k]); {@code *} (rewritten before validation
 * into {@code ROW(*)}, which Calcite expands into the FROM columns) binds every input by column name.
 *
 * <p>Its type comes from binding the model exactly as the table form does.
 * {@link dev.scry.planner.rule.ScalarPredictRule} later turns each call into a
 * {@link dev.scry.planner.rel.PredictRel} under a Project, so both forms score through the same engine code.
 */
public final class ScalarPredictFunction extends SqlFunction {
  /** The operator of the converted call when inputs bind by name: operands are model, name, value, name, value … */
  public static final SqlFunction BY_NAME =
      new SqlFunction(
          "PREDICT_BY_NAME",
          SqlKind.OTHER_FUNCTION,
          null,
          null,
          null,
          SqlFunctionCategory.USER_DEFINED_FUNCTION);

  private final PredictFunction table;

  public ScalarPredictFunction(PredictFunction table) {
    super(
        PredictFunction.NAME,
        SqlKind.OTHER_FUNCTION,
        null,
        null,
        null,
        SqlFunctionCategory.USER_DEFINED_FUNCTION);
    this.table = Objects.requireNonNull(table, "table");
  }

  PredictFunction table() {
    return table;
  }

  @Override
  public SqlOperandCountRange getOperandCountRange() {
    return SqlOperandCountRanges.from(2);
  }

  @Override
  public void validateCall(
      SqlCall call,
      SqlValidator validator,
      SqlValidatorScope scope,
      SqlValidatorScope operandScope) {
    for (SqlNode operand : call.getOperandList()) {
      operand.validateExpr(validator, operandScope);
    }
  }

  @Override
  public RelDataType deriveType(SqlValidator validator, SqlValidatorScope scope, SqlCall call) {
    List<SqlNode> operands = call.getOperandList();
    String model = modelOf(call);
    RelDataTypeFactory typeFactory = validator.getTypeFactory();
    List<RelDataType> types = new ArrayList<>();
    for (SqlNode operand : operands.subList(1, operands.size())) {
      types.add(validator.deriveType(scope, operand));
    }
    RelDataType dataRow;
    if (byName(call)) {
      SqlCall row = (SqlCall) operands.get(1);
      List<String> names = new ArrayList<>();
      for (SqlNode column : row.getOperandList()) {
        names.add(columnName(column, call));
      }
      List<RelDataType> columnTypes = new ArrayList<>();
      for (SqlNode column : row.getOperandList()) {
        columnTypes.add(validator.deriveType(scope, column));
      }
      dataRow = typeFactory.createStructType(columnTypes, names);
    } else {
      dataRow = positionalRow(model, types, typeFactory, call);
    }
    return firstOutputType(
        bind(model, dataRow, typeFactory, call), dataRow.getFieldCount(), typeFactory);
  }

  /** Converts a validated call to a RexCall: this operator with positional values, or {@link #BY_NAME}. */
  RexNode convert(SqlRexContext cx, SqlCall call) {
    RexBuilder rex = cx.getRexBuilder();
    RelDataType type = cx.getValidator().getValidatedNodeType(call);
    List<RexNode> operands = new ArrayList<>();
    operands.add(rex.makeLiteral(modelOf(call)));
    if (byName(call)) {
      for (SqlNode column : ((SqlCall) call.getOperandList().get(1)).getOperandList()) {
        operands.add(rex.makeLiteral(columnName(column, call)));
        operands.add(cx.convertExpression(column));
      }
      return rex.makeCall(type, BY_NAME, operands);
    }
    for (SqlNode operand : call.getOperandList().subList(1, call.operandCount())) {
      operands.add(cx.convertExpression(operand));
    }
    return rex.makeCall(type, this, operands);
  }

  /**
   * The DATA row positional arguments make: one column named after the model's single input, the argument
   * itself for a one-value input, an ARRAY of the arguments otherwise.
   */
  public RelDataType positionalRow(
      String model, List<RelDataType> argumentTypes, RelDataTypeFactory typeFactory, Object where) {
    ModelRegistry.ResolvedModel resolved = table.models().resolve(model);
    List<ModelInput> inputs = resolved.signature().inputs();
    if (inputs.size() != 1) {
      throw new ScryException(
          at(where)
              + "PREDICT('"
              + model
              + "', …) fills a single model input with its"
              + " arguments, but the model has "
              + inputs.size()
              + " inputs ("
              + String.join(", ", inputs.stream().map(i -> i.name() + " " + i.describe()).toList())
              + "): use PREDICT('"
              + model
              + "', *) with columns named after the inputs, or the table form");
    }
    ModelInput input = inputs.get(0);
    long values = valuesPerRow(input);
    if (argumentTypes.size() == 1 && values == 1) {
      return typeFactory.createStructType(argumentTypes, List.of(input.name()));
    }
    if (argumentTypes.size() != values) {
      throw new ScryException(
          at(where)
              + "Model input '"
              + input.name()
              + "' "
              + input.describe()
              + " takes "
              + values
              + " values per row, but PREDICT('"
              + model
              + "', …) was given "
              + argumentTypes.size()
              + " arguments");
    }
    RelDataType element = typeFactory.leastRestrictive(argumentTypes);
    if (element == null) {
      throw new ScryException(
          at(where)
              + "The arguments of PREDICT('"
              + model
              + "', …) have no common type: "
              + argumentTypes);
    }
    return typeFactory.createStructType(
        List.of(typeFactory.createArrayType(element, -1)), List.of(input.name()));
  }

  public BoundPredict bind(
      String model, RelDataType dataRow, RelDataTypeFactory typeFactory, Object where) {
    try {
      return table.bind(model, dataRow, typeFactory);
    } catch (RuntimeException e) {
      throw new ScryException(at(where) + e.getMessage(), e);
    }
  }

  /** Positions (after the DATA fields) of the columns of the model's first output. */
  public static List<Integer> firstOutputColumns(BoundPredict bound, int dataFields) {
    List<OutputColumn> columns = bound.spec().outputs();
    String first = columns.get(0).outputName();
    List<Integer> positions = new ArrayList<>();
    for (int i = 0; i < columns.size(); i++) {
      if (columns.get(i).outputName().equals(first)) {
        positions.add(dataFields + i);
      }
    }
    return positions;
  }

  /** The first output's type: its column's, or an ARRAY when the output spreads over several columns. */
  static RelDataType firstOutputType(
      BoundPredict bound, int dataFields, RelDataTypeFactory typeFactory) {
    List<Integer> positions = firstOutputColumns(bound, dataFields);
    RelDataType first = bound.rowType().getFieldList().get(positions.get(0)).getType();
    if (positions.size() == 1) {
      return first;
    }
    return typeFactory.createTypeWithNullability(typeFactory.createArrayType(first, -1), true);
  }

  static boolean byName(SqlCall call) {
    return call.operandCount() == 2
        && call.operand(1) instanceof SqlCall row
        && row.getKind() == SqlKind.ROW;
  }

  private static String modelOf(SqlCall call) {
    SqlNode first = call.operand(0);
    String model =
        first instanceof SqlLiteral literal
                && literal.getTypeName().getFamily() == SqlTypeName.CHAR.getFamily()
            ? literal.getValueAs(String.class)
            : null;
    if (model == null) {
      throw new ScryException(
          at(call)
              + "PREDICT in a SELECT list takes the model name as a string literal"
              + " first: PREDICT('model', column, …) or PREDICT('model', *)");
    }
    return model;
  }

  private static String columnName(SqlNode column, SqlCall call) {
    if (column instanceof SqlIdentifier identifier && !identifier.isStar()) {
      return identifier.names.get(identifier.names.size() - 1);
    }
    throw new ScryException(
        at(call) + "PREDICT(…, ROW(…)) binds by column name and takes only columns, not " + column);
  }

  private static long valuesPerRow(ModelInput input) {
    long values = 1;
    for (long dim :
        input.shape().subList(Math.min(1, input.shape().size()), input.shape().size())) {
      values *= Math.max(dim, 1);
    }
    return values;
  }

  private static String at(Object where) {
    if (where instanceof SqlNode node) {
      return "At line "
          + node.getParserPosition().getLineNum()
          + ", column "
          + node.getParserPosition().getColumnNum()
          + ": ";
    }
    return "";
  }
}
