package dev.scry.engine.predict;

import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import dev.scry.planner.ScryException;
import dev.scry.planner.spi.ModelRuntime;
import java.util.Objects;

/**
 * ONNX Runtime as the registry sees it. Registration creates (and closes) a session for the model's bytes
 * in the gateway's JVM, so that a model this machine cannot load is refused at CREATE MODEL with the
 * reason. DROP MODEL releases the version's session from this JVM's {@link OrtSessionCache} (in local mode
 * the gateway's JVM is the executor; a cluster's executors drop their sessions when they exit).
 */
public final class OrtModelRuntime implements ModelRuntime {
  private final OrtSessionCache sessions;

  public OrtModelRuntime(OrtSessionCache sessions) {
    this.sessions = Objects.requireNonNull(sessions, "sessions");
  }

  @Override
  public void checkLoadable(String modelName, String sourceUri, byte[] bytes) {
    try (OrtSession.SessionOptions options = new OrtSession.SessionOptions()) {
      options.setIntraOpNumThreads(1);
      try (OrtSession session = OrtEnvironment.getEnvironment().createSession(bytes, options)) {
        session.getInputNames(); // created, so loadable: nothing more to check
      }
    } catch (OrtException e) {
      throw new ScryException(
          "Model '"
              + modelName
              + "' from '"
              + sourceUri
              + "' cannot be loaded by ONNX Runtime: "
              + OrtLoadErrors.reason(e.getMessage()),
          e);
    }
  }

  @Override
  public void release(String sha256) {
    sessions.release(sha256);
  }
}
