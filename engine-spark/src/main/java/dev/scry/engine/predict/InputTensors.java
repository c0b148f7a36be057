package dev.scry.engine.predict;

import ai.onnxruntime.OnnxJavaType;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import dev.scry.planner.model.ElementType;
import dev.scry.planner.predict.InputBinding;
import dev.scry.planner.predict.ModelRef;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.DoubleBuffer;
import java.nio.FloatBuffer;
import java.nio.IntBuffer;
import java.nio.LongBuffer;
import java.nio.ShortBuffer;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;

/**
 * Builds the tensor of one model input for a batch of rows: shape [rows, non-batch dims…], values taken
 * row by row from the bound columns (or the bound ARRAY column) and converted to the input's element type.
 */
final class InputTensors {
  private final ModelRef model;

  /**
   * One native-order direct buffer per input, reused batch after batch: ONNX Runtime scores straight from
   * a direct buffer, where a heap array is first copied into a fresh direct one on every call. A tensor
   * built here must be closed before the next batch of the same input is built.
   */
  private final Map<String, ByteBuffer> scratch = new HashMap<>();

  InputTensors(ModelRef model) {
    this.model = model;
  }

  private ByteBuffer scratch(InputBinding binding, int values, int bytesPerValue) {
    int bytes = Math.multiplyExact(values, bytesPerValue);
    ByteBuffer buffer = scratch.get(binding.input().name());
    if (buffer == null || buffer.capacity() < bytes) {
      buffer = ByteBuffer.allocateDirect(bytes).order(ByteOrder.nativeOrder());
      scratch.put(binding.input().name(), buffer);
    }
    return buffer.clear().limit(bytes).slice().order(ByteOrder.nativeOrder());
  }

  OnnxTensor build(OrtEnvironment env, InputBinding binding, List<Row> rows) throws OrtException {
    int n = binding.valuesPerRow();
    if (binding.source() == InputBinding.Source.COLUMNS && binding.fields().size() != n) {
      throw error(
          binding,
          binding.fieldNames().toString(),
          "binds "
              + binding.fields().size()
              + " columns but the input takes "
              + n
              + " values per row");
    }
    int total = Math.multiplyExact(rows.size(), n);
    long[] shape = shape(binding, rows.size());
    ValueReader values = new ValueReader(binding, rows);
    ElementType type = binding.input().elementType();
    switch (type) {
      case FLOAT -> {
        FloatBuffer data = scratch(binding, total, Float.BYTES).asFloatBuffer();
        for (int i = 0; i < total; i++) {
          Number v = values.number(i, true);
          data.put(i, v == null ? Float.NaN : v.floatValue());
        }
        return OnnxTensor.createTensor(env, data, shape);
      }
      case DOUBLE -> {
        DoubleBuffer data = scratch(binding, total, Double.BYTES).asDoubleBuffer();
        for (int i = 0; i < total; i++) {
          Number v = values.number(i, true);
          data.put(i, v == null ? Double.NaN : v.doubleValue());
        }
        return OnnxTensor.createTensor(env, data, shape);
      }
      case INT64 -> {
        LongBuffer data = scratch(binding, total, Long.BYTES).asLongBuffer();
        for (int i = 0; i < total; i++) {
          data.put(i, values.number(i, false).longValue());
        }
        return OnnxTensor.createTensor(env, data, shape);
      }
      case INT32 -> {
        IntBuffer data = scratch(binding, total, Integer.BYTES).asIntBuffer();
        for (int i = 0; i < total; i++) {
          data.put(i, values.number(i, false).intValue());
        }
        return OnnxTensor.createTensor(env, data, shape);
      }
      case INT16 -> {
        short[] data = new short[total];
        for (int i = 0; i < total; i++) {
          data[i] = values.number(i, false).shortValue();
        }
        return OnnxTensor.createTensor(env, ShortBuffer.wrap(data), shape);
      }
      case INT8, UINT8 -> {
        byte[] data = new byte[total];
        for (int i = 0; i < total; i++) {
          data[i] = values.number(i, false).byteValue();
        }
        OnnxJavaType javaType = type == ElementType.INT8 ? OnnxJavaType.INT8 : OnnxJavaType.UINT8;
        return OnnxTensor.createTensor(env, ByteBuffer.wrap(data), shape, javaType);
      }
      case BOOL -> {
        byte[] data = new byte[total];
        for (int i = 0; i < total; i++) {
          data[i] = values.bool(i) ? (byte) 1 : (byte) 0;
        }
        return OnnxTensor.createTensor(env, ByteBuffer.wrap(data), shape, OnnxJavaType.BOOL);
      }
      case STRING -> {
        String[] data = new String[total];
        for (int i = 0; i < total; i++) {
          data[i] = values.string(i);
        }
        return OnnxTensor.createTensor(env, data, shape);
      }
      default ->
          throw error(
              binding,
              binding.fieldNames().toString(),
              "inputs of element type " + type.onnxName() + " are not supported");
    }
  }

  /** The declared shape with the batch dimension set to the number of rows. */
  private static long[] shape(InputBinding binding, int rows) {
    List<Long> declared = binding.input().shape();
    if (declared.isEmpty()) {
      return new long[] {rows};
    }
    long[] shape = new long[declared.size()];
    shape[0] = rows;
    for (int d = 1; d < shape.length; d++) {
      shape[d] = declared.get(d);
    }
    return shape;
  }

  private ModelScoringException error(InputBinding binding, String column, String problem) {
    return new ModelScoringException(
        "Model "
            + model.qualifiedName()
            + ", input '"
            + binding.input().name()
            + "' "
            + binding.input().describe()
            + ", column "
            + column
            + ": "
            + problem);
  }

  /** The i-th value of the batch, flattened row-major: row i / n, position i % n. */
  private final class ValueReader {
    private final InputBinding binding;
    private final List<Row> rows;
    private final int n;
    private int cachedRow = -1;
    private List<Object> cachedArray;

    ValueReader(InputBinding binding, List<Row> rows) {
      this.binding = binding;
      this.rows = rows;
      this.n = binding.valuesPerRow();
    }

    Object raw(int i) {
      int row = i / n;
      int position = i % n;
      if (binding.source() == InputBinding.Source.COLUMNS) {
        return rows.get(row).get(binding.fields().get(position));
      }
      if (row != cachedRow) {
        cachedRow = row;
        cachedArray = rows.get(row).getList(binding.fields().get(0));
        if (cachedArray != null && cachedArray.size() != n) {
          throw error(
              binding,
              column(position),
              "an ARRAY of "
                  + cachedArray.size()
                  + " values, but the input takes "
                  + n
                  + " values per row");
        }
      }
      return cachedArray == null ? null : cachedArray.get(position);
    }

    /** A number; null only when {@code nullAllowed} (float inputs take NULL as NaN). */
    Number number(int i, boolean nullAllowed) {
      Object v = raw(i);
      if (v == null) {
        if (nullAllowed) {
          return null;
        }
        throw error(
            binding,
            column(i % n),
            "NULL cannot be fed to a " + binding.input().elementType().onnxName() + " input");
      }
      if (v instanceof Number number) {
        return number;
      }
      throw error(
          binding,
          column(i % n),
          "value " + v + " (" + v.getClass().getSimpleName() + ") is not a number");
    }

    boolean bool(int i) {
      Object v = raw(i);
      if (v instanceof Boolean b) {
        return b;
      }
      throw error(
          binding,
          column(i % n),
          v == null ? "NULL cannot be fed to a bool input" : "value " + v + " is not a boolean");
    }

    String string(int i) {
      Object v = raw(i);
      if (v == null) {
        throw error(binding, column(i % n), "NULL cannot be fed to a string input");
      }
      return v.toString();
    }

    private String column(int position) {
      return "'"
          + (binding.source() == InputBinding.Source.COLUMNS
              ? binding.fieldNames().get(position)
              : binding.fieldNames().get(0))
          + "'";
    }
  }
}
