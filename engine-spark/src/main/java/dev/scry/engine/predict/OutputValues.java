package dev.scry.engine.predict;

import ai.onnxruntime.OnnxMap;
import ai.onnxruntime.OnnxSequence;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OnnxValue;
import ai.onnxruntime.OrtException;
import dev.scry.planner.model.ElementType;
import dev.scry.planner.predict.ModelRef;
import dev.scry.planner.predict.OutputColumn;
import java.lang.reflect.Array;
import java.nio.ByteBuffer;
import java.nio.DoubleBuffer;
import java.nio.FloatBuffer;
import java.nio.IntBuffer;
import java.nio.LongBuffer;
import java.nio.ShortBuffer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntFunction;

/**
 * Reads the values of the output columns for every row of a scored batch. Tensors are read by their actual
 * size, not their declared shape (some outputs declared [1] come back [N]); ZipMap maps are keyed by the
 * class label as a string whatever the key type (Long or String).
 */
final class OutputValues {
  private final ModelRef model;
  private final Map<String, UnzippedModel.ClassTensor> classTensors;

  OutputValues(ModelRef model, Map<String, UnzippedModel.ClassTensor> classTensors) {
    this.model = model;
    this.classTensors = classTensors;
  }

  /** One array of output column values per row. */
  Object[][] extract(List<OutputColumn> columns, Map<String, OnnxValue> outputs, int rows)
      throws OrtException {
    Map<String, Decoded> decoded = new HashMap<>();
    Object[][] values = new Object[rows][columns.size()];
    for (int c = 0; c < columns.size(); c++) {
      OutputColumn column = columns.get(c);
      Decoded output = decoded.get(column.outputName());
      if (output == null) {
        output = decode(column.outputName(), outputs.get(column.outputName()), rows);
        decoded.put(column.outputName(), output);
      }
      IntFunction<Object> reader = output.reader(column);
      for (int r = 0; r < rows; r++) {
        values[r][c] = reader.apply(r);
      }
    }
    return values;
  }

  private Decoded decode(String name, OnnxValue value, int rows) throws OrtException {
    if (value == null) {
      throw new ModelScoringException(
          "Model " + model.qualifiedName() + " returned no output '" + name + "'");
    }
    if (value instanceof OnnxTensor tensor) {
      FlatValues flat = flatten(tensor);
      if (flat.size() < rows || flat.size() % rows != 0) {
        throw new ModelScoringException(
            "Model "
                + model.qualifiedName()
                + " returned "
                + flat.size()
                + " values in output '"
                + name
                + "' for "
                + rows
                + " rows");
      }
      UnzippedModel.ClassTensor classes = classTensors.get(name);
      if (classes != null) {
        if (flat.size() != rows * classes.classLabels().size()) {
          throw new ModelScoringException(
              "Model "
                  + model.qualifiedName()
                  + " returned "
                  + flat.size()
                  + " probabilities in output '"
                  + name
                  + "' for "
                  + rows
                  + " rows of "
                  + classes.classLabels().size()
                  + " classes");
        }
        return new ClassColumns(name, flat, classes);
      }
      return new TensorValues(name, flat, flat.size() / rows);
    }
    if (value instanceof OnnxSequence sequence) {
      List<Map<String, Object>> maps = new ArrayList<>();
      for (OnnxValue element : sequence.getValue()) {
        if (!(element instanceof OnnxMap map)) {
          throw new ModelScoringException(
              "Model "
                  + model.qualifiedName()
                  + " output '"
                  + name
                  + "' is a sequence of "
                  + element.getInfo()
                  + ", not of maps");
        }
        Map<String, Object> byLabel = new HashMap<>();
        map.getValue().forEach((k, v) -> byLabel.put(String.valueOf(k), v));
        maps.add(byLabel);
      }
      if (maps.size() != rows) {
        throw new ModelScoringException(
            "Model "
                + model.qualifiedName()
                + " returned "
                + maps.size()
                + " maps in output '"
                + name
                + "' for "
                + rows
                + " rows");
      }
      return new MapValues(maps);
    }
    throw new ModelScoringException(
        "Model "
            + model.qualifiedName()
            + " output '"
            + name
            + "' has type "
            + value.getInfo()
            + ", which Scry cannot return as columns");
  }

  /** Every value of the tensor in row-major order, read from its buffer (boxed one by one, on demand). */
  private static FlatValues flatten(OnnxTensor tensor) throws OrtException {
    switch (tensor.getInfo().type) {
      case FLOAT, FLOAT16, BFLOAT16 -> {
        FloatBuffer b = tensor.getFloatBuffer();
        return new FlatValues(b.remaining(), b::get);
      }
      case DOUBLE -> {
        DoubleBuffer b = tensor.getDoubleBuffer();
        return new FlatValues(b.remaining(), b::get);
      }
      case INT64 -> {
        LongBuffer b = tensor.getLongBuffer();
        return new FlatValues(b.remaining(), b::get);
      }
      case INT32 -> {
        IntBuffer b = tensor.getIntBuffer();
        return new FlatValues(b.remaining(), b::get);
      }
      case INT16 -> {
        ShortBuffer b = tensor.getShortBuffer();
        return new FlatValues(b.remaining(), b::get);
      }
      case INT8 -> {
        ByteBuffer b = tensor.getByteBuffer();
        return new FlatValues(b.remaining(), b::get);
      }
      case UINT8 -> {
        ByteBuffer b = tensor.getByteBuffer();
        return new FlatValues(b.remaining(), i -> (short) (b.get(i) & 0xff));
      }
      case BOOL -> {
        ByteBuffer b = tensor.getByteBuffer();
        return new FlatValues(b.remaining(), i -> b.get(i) != 0);
      }
      case STRING -> {
        List<Object> out = new ArrayList<>();
        addLeaves(tensor.getValue(), out);
        return new FlatValues(out.size(), out::get);
      }
      default ->
          throw new ModelScoringException(
              "Output tensors of type " + tensor.getInfo().type + " are not supported");
    }
  }

  /** A tensor's values by flat index; {@code size} counts them. */
  private record FlatValues(int size, IntFunction<Object> reader) {
    Object get(int index) {
      return reader.apply(index);
    }
  }

  private static void addLeaves(Object value, List<Object> out) {
    if (value != null && value.getClass().isArray()) {
      for (int i = 0; i < Array.getLength(value); i++) {
        addLeaves(Array.get(value, i), out);
      }
    } else {
      out.add(value);
    }
  }

  /** A Number converted to the boxed Java type of the Spark type for {@code type}. */
  static Object coerce(Object value, ElementType type) {
    if (!(value instanceof Number n)) {
      return value;
    }
    return switch (type) {
      case FLOAT, FLOAT16, BFLOAT16 -> n.floatValue();
      case DOUBLE -> n.doubleValue();
      case INT64, UINT32 -> n.longValue();
      case INT32, UINT16 -> n.intValue();
      case INT16, UINT8 -> n.shortValue();
      case INT8 -> n.byteValue();
      default -> value;
    };
  }

  private interface Decoded {
    Object value(OutputColumn column, int row);

    /** The column's value by row, with whatever it needs to find it resolved once per batch. */
    default IntFunction<Object> reader(OutputColumn column) {
      return row -> value(column, row);
    }
  }

  private record TensorValues(String name, FlatValues flat, int perRow) implements Decoded {
    @Override
    public Object value(OutputColumn column, int row) {
      int start = row * perRow;
      OutputColumn.Extract extract = column.extract();
      if (extract instanceof OutputColumn.Scalar) {
        return coerce(flat.get(start), column.elementType());
      }
      if (extract instanceof OutputColumn.Element element) {
        if (element.index() >= perRow) {
          throw new ModelScoringException(
              "Output '"
                  + name
                  + "' has "
                  + perRow
                  + " values per row; column "
                  + column.columnName()
                  + " wants value "
                  + element.index());
        }
        return coerce(flat.get(start + element.index()), column.elementType());
      }
      if (extract instanceof OutputColumn.Array) {
        Object[] values = new Object[perRow];
        for (int i = 0; i < perRow; i++) {
          values[i] = coerce(flat.get(start + i), column.elementType());
        }
        return values;
      }
      throw new ModelScoringException(
          "Output '"
              + name
              + "' is a tensor; column "
              + column.columnName()
              + " expects a map of classes");
    }
  }

  /** A ZipMap output unzipped into a [rows, classes] tensor: a class's probability is a column of it. */
  private record ClassColumns(String name, FlatValues flat, UnzippedModel.ClassTensor classes)
      implements Decoded {
    @Override
    public Object value(OutputColumn column, int row) {
      if (!(column.extract() instanceof OutputColumn.ClassValue classValue)) {
        throw new ModelScoringException(
            "Output '"
                + name
                + "' is a sequence of maps; column "
                + column.columnName()
                + " must read one class");
      }
      return reader(column).apply(row);
    }

    @Override
    public IntFunction<Object> reader(OutputColumn column) {
      if (!(column.extract() instanceof OutputColumn.ClassValue classValue)) {
        return row -> value(column, row); // the error above
      }
      int index = classes.columnOf(classValue.classLabel());
      if (index < 0) {
        return row -> null; // as a ZipMap map without that label
      }
      int width = classes.classLabels().size();
      ElementType type = column.elementType();
      return row -> coerce(flat.get(row * width + index), type);
    }
  }

  private record MapValues(List<Map<String, Object>> maps) implements Decoded {
    @Override
    public Object value(OutputColumn column, int row) {
      if (!(column.extract() instanceof OutputColumn.ClassValue classValue)) {
        throw new ModelScoringException(
            "Output '"
                + column.outputName()
                + "' is a sequence of maps; column "
                + column.columnName()
                + " must read one class");
      }
      return coerce(maps.get(row).get(classValue.classLabel()), column.elementType());
    }
  }
}
