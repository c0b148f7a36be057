package dev.scry.planner.model;

import java.util.Arrays;
import java.util.Locale;

/** ONNX tensor element types (TensorProto.DataType), with the codes the ONNX wire format uses. */
public enum ElementType {
  FLOAT(1),
  UINT8(2),
  INT8(3),
  UINT16(4),
  INT16(5),
  INT32(6),
  INT64(7),
  STRING(8),
  BOOL(9),
  FLOAT16(10),
  DOUBLE(11),
  UINT32(12),
  UINT64(13),
  BFLOAT16(16);

  private final int onnxCode;

  ElementType(int onnxCode) {
    this.onnxCode = onnxCode;
  }

  public int onnxCode() {
    return onnxCode;
  }

  /** The element type for an ONNX {@code TensorProto.DataType} code. */
  public static ElementType fromOnnxCode(int code) {
    return Arrays.stream(values())
        .filter(t -> t.onnxCode == code)
        .findFirst()
        .orElseThrow(
            () -> new IllegalArgumentException("Unsupported ONNX element type code " + code));
  }

  /** Lower-case ONNX spelling, as in {@code tensor(float)}. */
  public String onnxName() {
    return name().toLowerCase(Locale.ROOT);
  }
}
