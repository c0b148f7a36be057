package dev.scry.planner.spi;

/**
 * What the model registry needs from the scoring runtime: a check, before a model is registered, that the
 * runtime can load its bytes on this machine (a model that parses as ONNX may still fail when its session
 * is created: an operator the runtime lacks, a locale the machine does not have), and the release of a
 * dropped version's resources.
 */
public interface ModelRuntime {
  /** Accepts everything and holds nothing: for planners without a runtime (tests of the planner alone). */
  ModelRuntime NONE =
      new ModelRuntime() {
        @Override
        public void checkLoadable(String modelName, String sourceUri, byte[] bytes) {}

        @Override
        public void release(String sha256) {}
      };

  /**
   * Throws a {@link dev.scry.planner.ScryException} that names the model, its source and the reason when
   * the runtime cannot load the bytes.
   */
  void checkLoadable(String modelName, String sourceUri, byte[] bytes);

  /** Frees what the runtime holds for the model version with these bytes (no registered model uses them now). */
  void release(String sha256);
}
