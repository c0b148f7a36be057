package dev.scry.planner.spi;

/**
 * Checks, before a model is registered, that the scoring runtime can load its bytes on this machine: a
 * model that parses as ONNX may still fail when its session is created (an operator the runtime lacks, a
 * locale the machine does not have). Registration fails then, rather than every later query.
 */
@FunctionalInterface
public interface ModelLoadCheck {
  /** Accepts everything: for planners without a runtime (tests of the planner alone). */
  ModelLoadCheck NONE = (name, source, bytes) -> { };

  /**
   * Throws a {@link dev.scry.planner.ScryException} that names the model, its source and the reason when
   * the runtime cannot load the bytes.
   */
  void check(String modelName, String sourceUri, byte[] bytes);
}
