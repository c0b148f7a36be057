package dev.scry.planner.predict;

import dev.scry.planner.model.ClassMapOutput;
import dev.scry.planner.model.ElementType;
import dev.scry.planner.model.ModelInput;
import dev.scry.planner.model.ModelOutput;
import dev.scry.planner.model.ModelSignature;
import dev.scry.planner.model.TensorOutput;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.rel.type.RelDataTypeField;
import org.apache.calcite.sql.type.SqlTypeName;

/**
 * Binds a model's inputs to the columns of a DATA row and types the columns PREDICT appends (PRODUCT.md §2):
 * each input takes the column of its name (case-insensitive), a scalar for a [N] or [N,1] input, an ARRAY
 * of the non-batch size otherwise; each output becomes one column, k element columns, an ARRAY column,
 * or one column per ZipMap class.
 */
public final class PredictBinder {
  /** Tensors with at most this many values per row are spread over columns; larger ones stay ARRAYs. */
  static final int MAX_ELEMENT_COLUMNS = 32;

  private static final String CLASH_SUFFIX = "_predicted";

  /** Element types the engine can build input tensors of. */
  private static final Set<ElementType> FEEDABLE =
      EnumSet.of(
          ElementType.FLOAT,
          ElementType.DOUBLE,
          ElementType.INT64,
          ElementType.INT32,
          ElementType.INT16,
          ElementType.INT8,
          ElementType.UINT8,
          ElementType.STRING,
          ElementType.BOOL);

  private static final Set<SqlTypeName> NUMBERS =
      EnumSet.of(
          SqlTypeName.TINYINT,
          SqlTypeName.SMALLINT,
          SqlTypeName.INTEGER,
          SqlTypeName.BIGINT,
          SqlTypeName.DECIMAL,
          SqlTypeName.FLOAT,
          SqlTypeName.REAL,
          SqlTypeName.DOUBLE);

  private PredictBinder() {}

  public static BoundPredict bind(
      ModelRef model,
      ModelSignature signature,
      int batchSize,
      RelDataType dataRowType,
      RelDataTypeFactory typeFactory) {
    Objects.requireNonNull(model, "model");
    Objects.requireNonNull(signature, "signature");
    Objects.requireNonNull(dataRowType, "dataRowType");
    Objects.requireNonNull(typeFactory, "typeFactory");
    List<RelDataTypeField> fields = dataRowType.getFieldList();

    List<InputBinding> bindings = new ArrayList<>();
    for (ModelInput input : signature.inputs()) {
      bindings.add(bindInput(model, input, fields));
    }

    Set<String> taken = new HashSet<>();
    fields.forEach(f -> taken.add(lower(f.getName())));
    List<OutputColumn> columns = new ArrayList<>();
    RelDataTypeFactory.Builder rowType = typeFactory.builder();
    fields.forEach(rowType::add);
    for (ModelOutput output : signature.outputs()) {
      for (OutputColumn column : columnsOf(model, output)) {
        OutputColumn named =
            new OutputColumn(
                uniqueName(column.columnName(), taken),
                column.outputName(),
                column.extract(),
                column.elementType());
        columns.add(named);
        rowType.add(named.columnName(), sqlTypeOf(named, typeFactory));
      }
    }
    return new BoundPredict(
        PredictSpec.carryingAll(
            model, rowsPerBatch(signature, batchSize), bindings, fields.size(), columns),
        rowType.build());
  }

  /**
   * The rows scored at once: {@code requested}, unless an input declares a fixed batch dimension (a [1,3]
   * input rejects any other number of rows). The spec says it, so that EXPLAIN shows the batch size that
   * is scored.
   */
  private static int rowsPerBatch(ModelSignature signature, int requested) {
    return signature.inputs().stream()
        .filter(input -> !input.shape().isEmpty() && input.shape().get(0) > 0)
        .mapToInt(input -> Math.toIntExact(input.shape().get(0)))
        .min()
        .orElse(requested);
  }

  // ----------------------------------------------------------------------------------------------
  // inputs

  private static InputBinding bindInput(
      ModelRef model, ModelInput input, List<RelDataTypeField> fields) {
    if (!FEEDABLE.contains(input.elementType())) {
      throw bindingError(
          model,
          input,
          "inputs of element type " + input.elementType().onnxName() + " are not supported",
          fields);
    }
    int valuesPerRow = valuesPerRow(model, input, fields);
    RelDataTypeField field =
        fieldNamed(input.name(), fields)
            .orElseThrow(
                () ->
                    bindingError(
                        model,
                        input,
                        "the DATA has no column named '"
                            + input.name()
                            + "'"
                            + (valuesPerRow > 1
                                ? " (an ARRAY of " + valuesPerRow + " numbers)"
                                : ""),
                        fields));
    RelDataType type = field.getType();
    if (type.getSqlTypeName() == SqlTypeName.ARRAY) {
      RelDataType component = Objects.requireNonNull(type.getComponentType(), "component type");
      if (!convertible(component.getSqlTypeName(), input.elementType())) {
        throw bindingError(
            model,
            input,
            "column '"
                + field.getName()
                + "' is an ARRAY of "
                + component.getSqlTypeName()
                + ", which does not convert to "
                + input.elementType().onnxName(),
            fields);
      }
      return new InputBinding(
          input,
          InputBinding.Source.ARRAY,
          List.of(field.getIndex()),
          List.of(field.getName()),
          valuesPerRow);
    }
    if (valuesPerRow != 1) {
      throw bindingError(
          model,
          input,
          "column '"
              + field.getName()
              + "' is a single "
              + type.getSqlTypeName()
              + " but the input takes "
              + valuesPerRow
              + " values per row: give an ARRAY of "
              + valuesPerRow
              + " numbers named '"
              + input.name()
              + "'",
          fields);
    }
    if (!convertible(type.getSqlTypeName(), input.elementType())) {
      throw bindingError(
          model,
          input,
          "column '"
              + field.getName()
              + "' of type "
              + type.getSqlTypeName()
              + " does not convert to "
              + input.elementType().onnxName(),
          fields);
    }
    return new InputBinding(
        input, InputBinding.Source.COLUMNS, List.of(field.getIndex()), List.of(field.getName()), 1);
  }

  /** The product of the non-batch dimensions: 1 for [N] and [N,1], 784 for [N,1,28,28]. */
  private static int valuesPerRow(ModelRef model, ModelInput input, List<RelDataTypeField> fields) {
    long product = 1;
    List<Long> shape = input.shape();
    for (long dim : shape.subList(Math.min(1, shape.size()), shape.size())) {
      if (dim < 1) {
        throw bindingError(
            model, input, "a dimension after the batch dimension has no fixed size", fields);
      }
      product *= dim;
      if (product > Integer.MAX_VALUE) {
        throw bindingError(model, input, "too many values per row", fields);
      }
    }
    return (int) product;
  }

  private static boolean convertible(SqlTypeName from, ElementType to) {
    if (from == SqlTypeName.ANY || from == SqlTypeName.NULL) {
      return true; // checked row by row when scoring
    }
    return switch (to) {
      case STRING -> from == SqlTypeName.CHAR || from == SqlTypeName.VARCHAR;
      case BOOL -> from == SqlTypeName.BOOLEAN;
      default -> NUMBERS.contains(from);
    };
  }

  /** The field of that name, case-insensitively; an exact-case match wins when several differ only in case. */
  private static Optional<RelDataTypeField> fieldNamed(String name, List<RelDataTypeField> fields) {
    return fields.stream()
        .filter(f -> f.getName().equals(name))
        .findFirst()
        .or(() -> fields.stream().filter(f -> f.getName().equalsIgnoreCase(name)).findFirst());
  }

  private static PredictBindingException bindingError(
      ModelRef model, ModelInput input, String reason, List<RelDataTypeField> fields) {
    String onOffer =
        fields.isEmpty()
            ? "(none)"
            : fields.stream()
                .map(f -> f.getName() + " " + f.getType())
                .collect(Collectors.joining(", "));
    return new PredictBindingException(
        "Cannot bind input '"
            + input.name()
            + "' "
            + input.describe()
            + " of model "
            + model.qualifiedName()
            + ": "
            + reason
            + ". Columns on offer: "
            + onOffer);
  }

  // ----------------------------------------------------------------------------------------------
  // outputs

  /** The columns an output becomes (before any clash with DATA columns is resolved), for DESCRIBE MODEL. */
  public static List<OutputColumn> outputColumns(ModelRef model, ModelOutput output) {
    return columnsOf(model, output);
  }

  private static List<OutputColumn> columnsOf(ModelRef model, ModelOutput output) {
    if (output instanceof ClassMapOutput map) {
      if (map.classLabels().isEmpty()) {
        throw new PredictBindingException(
            "Output '"
                + map.name()
                + "' "
                + map.describe()
                + " of model "
                + model.qualifiedName()
                + " is a sequence of maps whose classes cannot be read from the model"
                + " (no ZipMap node with class labels produces it)");
      }
      requireSqlType(model, output, map.valueType());
      return map.classLabels().stream()
          .map(
              label ->
                  new OutputColumn(
                      map.name() + "_" + label,
                      map.name(),
                      new OutputColumn.ClassValue(label),
                      map.valueType()))
          .toList();
    }
    TensorOutput tensor = (TensorOutput) output;
    requireSqlType(model, output, tensor.elementType());
    List<Long> shape = tensor.shape();
    List<Long> perRow = shape.subList(Math.min(1, shape.size()), shape.size());
    if (perRow.stream().anyMatch(d -> d < 1)) {
      return List.of(
          new OutputColumn(
              tensor.name(), tensor.name(), new OutputColumn.Array(), tensor.elementType()));
    }
    long values = perRow.stream().mapToLong(Long::longValue).reduce(1, (a, b) -> a * b);
    if (values == 1) {
      return List.of(
          new OutputColumn(
              tensor.name(), tensor.name(), new OutputColumn.Scalar(), tensor.elementType()));
    }
    if (values <= MAX_ELEMENT_COLUMNS) {
      List<OutputColumn> columns = new ArrayList<>();
      for (int i = 0; i < values; i++) {
        columns.add(
            new OutputColumn(
                tensor.name() + "_" + i,
                tensor.name(),
                new OutputColumn.Element(i),
                tensor.elementType()));
      }
      return columns;
    }
    return List.of(
        new OutputColumn(
            tensor.name(), tensor.name(), new OutputColumn.Array(), tensor.elementType()));
  }

  private static void requireSqlType(ModelRef model, ModelOutput output, ElementType elementType) {
    if (OutputSqlTypes.sqlTypeOf(elementType).isEmpty()) {
      throw new PredictBindingException(
          "Output '"
              + output.name()
              + "' "
              + output.describe()
              + " of model "
              + model.qualifiedName()
              + " has element type "
              + elementType.onnxName()
              + ", which has no SQL type");
    }
  }

  /** The name itself, with {@code _predicted} when a DATA column (or an earlier output) already has it. */
  private static String uniqueName(String wanted, Set<String> taken) {
    String name = taken.contains(lower(wanted)) ? wanted + CLASH_SUFFIX : wanted;
    String candidate = name;
    for (int n = 2; taken.contains(lower(candidate)); n++) {
      candidate = name + "_" + n;
    }
    taken.add(lower(candidate));
    return candidate;
  }

  private static RelDataType sqlTypeOf(OutputColumn column, RelDataTypeFactory typeFactory) {
    SqlTypeName name = OutputSqlTypes.sqlTypeOf(column.elementType()).orElseThrow();
    RelDataType element =
        typeFactory.createTypeWithNullability(typeFactory.createSqlType(name), true);
    if (column.extract() instanceof OutputColumn.Array) {
      return typeFactory.createTypeWithNullability(typeFactory.createArrayType(element, -1), true);
    }
    return element;
  }

  private static String lower(String name) {
    return name.toLowerCase(Locale.ROOT);
  }
}
