package dev.scry.planner.operator;

import dev.scry.planner.ScryException;
import dev.scry.planner.catalog.ModelRegistry;
import dev.scry.planner.catalog.StatementModels;
import dev.scry.planner.predict.BatchSizePolicy;
import dev.scry.planner.predict.BoundPredict;
import dev.scry.planner.predict.PredictBinder;
import java.util.List;
import java.util.Objects;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.sql.SqlCallBinding;
import org.apache.calcite.sql.SqlFunction;
import org.apache.calcite.sql.SqlFunctionCategory;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlOperandCountRange;
import org.apache.calcite.sql.SqlOperator;
import org.apache.calcite.sql.SqlOperatorBinding;
import org.apache.calcite.sql.SqlTableFunction;
import org.apache.calcite.sql.TableCharacteristic;
import org.apache.calcite.sql.type.ReturnTypes;
import org.apache.calcite.sql.type.SqlOperandCountRanges;
import org.apache.calcite.sql.type.SqlOperandMetadata;
import org.apache.calcite.sql.type.SqlReturnTypeInference;
import org.apache.calcite.sql.type.SqlTypeName;

/**
 * {@code PREDICT(MODEL => 'name', DATA => TABLE t | (query))}: a polymorphic table function whose row
 * type is the DATA columns followed by the model's outputs, known at validation time from the model's
 * signature. One instance serves one statement: it carries the batch size in force for it.
 */
public final class PredictFunction extends SqlFunction implements SqlTableFunction {
  public static final String NAME = "PREDICT";
  static final int MODEL_OPERAND = 0;
  static final int DATA_OPERAND = 1;

  private final StatementModels models;
  private final BatchSizePolicy batchSizes;

  public PredictFunction(StatementModels models, BatchSizePolicy batchSizes) {
    super(
        NAME,
        SqlKind.OTHER_FUNCTION,
        ReturnTypes.CURSOR,
        null,
        new Operands(),
        SqlFunctionCategory.USER_DEFINED_TABLE_FUNCTION);
    this.models = Objects.requireNonNull(models, "models");
    this.batchSizes = Objects.requireNonNull(batchSizes, "batchSizes");
  }

  @Override
  public SqlReturnTypeInference getRowTypeInference() {
    return this::inferRowType;
  }

  @Override
  public TableCharacteristic tableCharacteristic(int ordinal) {
    if (ordinal == DATA_OPERAND) {
      return TableCharacteristic.builder(TableCharacteristic.Semantics.ROW)
          .passColumnsThrough()
          .build();
    }
    return null;
  }

  @Override
  public boolean argumentMustBeScalar(int ordinal) {
    return ordinal != DATA_OPERAND;
  }

  private RelDataType inferRowType(SqlOperatorBinding binding) {
    String model = binding.getOperandLiteralValue(MODEL_OPERAND, String.class);
    if (model == null) {
      throw new ScryException("PREDICT needs the model as a string literal: MODEL => 'name'");
    }
    return bind(model, binding.getOperandType(DATA_OPERAND), binding.getTypeFactory()).rowType();
  }

  /** Binds the model named by {@code modelReference} to rows of {@code dataRowType}. */
  public BoundPredict bind(
      String modelReference, RelDataType dataRowType, RelDataTypeFactory typeFactory) {
    ModelRegistry.ResolvedModel model = models.resolve(modelReference);
    int batchSize = batchSizes.batchSizeFor(model.version());
    return PredictBinder.bind(
        model.version().ref(), model.signature(), batchSize, dataRowType, typeFactory);
  }

  /** The statement's model names, each resolved once against its catalog snapshot. */
  public StatementModels models() {
    return models;
  }

  /** MODEL is a character literal; DATA is a table or a query. */
  private static final class Operands implements SqlOperandMetadata {
    @Override
    public List<RelDataType> paramTypes(RelDataTypeFactory typeFactory) {
      return List.of(
          typeFactory.createSqlType(SqlTypeName.VARCHAR),
          typeFactory.createSqlType(SqlTypeName.ANY));
    }

    @Override
    public List<String> paramNames() {
      return List.of("MODEL", "DATA");
    }

    @Override
    public boolean checkOperandTypes(SqlCallBinding callBinding, boolean throwOnFailure) {
      boolean modelIsText = callBinding.getOperandLiteralValue(MODEL_OPERAND, String.class) != null;
      if (!modelIsText && throwOnFailure) {
        throw callBinding.newValidationSignatureError();
      }
      return modelIsText;
    }

    @Override
    public SqlOperandCountRange getOperandCountRange() {
      return SqlOperandCountRanges.of(2);
    }

    @Override
    public String getAllowedSignatures(SqlOperator op, String opName) {
      return "PREDICT(MODEL => '<model>', DATA => TABLE <table> | (<query>))";
    }
  }
}
