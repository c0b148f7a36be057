package dev.scry.planner.model;

/** The bytes given to {@link OnnxModelReader} are not an ONNX model it can describe. */
public final class InvalidOnnxModelException extends IllegalArgumentException {
  public InvalidOnnxModelException(String message) {
    super(message);
  }

  public InvalidOnnxModelException(String message, Throwable cause) {
    super(message, cause);
  }
}
