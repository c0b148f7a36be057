package dev.scry.engine.predict;

import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import dev.scry.planner.ScryException;
import dev.scry.planner.spi.ModelLoadCheck;

/**
 * Registration check: creates (and closes) an ONNX Runtime session for the model's bytes in the gateway's
 * JVM, so that a model this machine cannot load is refused at CREATE MODEL with the reason.
 */
public final class OrtModelLoadCheck implements ModelLoadCheck {
  @Override
  public void check(String modelName, String sourceUri, byte[] bytes) {
    try (OrtSession.SessionOptions options = new OrtSession.SessionOptions()) {
      options.setIntraOpNumThreads(1);
      try (OrtSession session = OrtEnvironment.getEnvironment().createSession(bytes, options)) {
        session.getInputNames();   // created, so loadable: nothing more to check
      }
    } catch (OrtException e) {
      throw new ScryException("Model '" + modelName + "' from '" + sourceUri + "' cannot be loaded by ONNX Runtime: "
          + OrtLoadErrors.reason(e.getMessage()), e);
    }
  }
}
