package dev.scry.engine.predict;

import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import dev.scry.planner.predict.ModelRef;
import java.io.IOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.apache.spark.SparkEnv;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One ONNX Runtime session per model version (keyed by the SHA-256 of its bytes) per JVM, created on first
 * use and shared by every task of that JVM ({@link OrtSession#run} is thread-safe). The bytes are verified
 * against the registered SHA-256 before a session is built, so a changed file never scores as the version.
 */
public final class OrtSessionCache {
  /** Spark runs one task per core: more intra-op threads per session would oversubscribe the cores. */
  public static final int DEFAULT_INTRA_OP_THREADS = 1;

  private static final OrtSessionCache SHARED =
      new OrtSessionCache(new HadoopModelBytes(), DEFAULT_INTRA_OP_THREADS);

  private static final Logger LOG = LoggerFactory.getLogger(OrtSessionCache.class);

  private final ConcurrentMap<String, OrtSession> sessions = new ConcurrentHashMap<>();
  private final ModelBytesSource source;
  private final int intraOpThreads;

  public OrtSessionCache(ModelBytesSource source, int intraOpThreads) {
    this.source = Objects.requireNonNull(source, "source");
    if (intraOpThreads < 1) {
      throw new IllegalArgumentException("intraOpThreads must be positive: " + intraOpThreads);
    }
    this.intraOpThreads = intraOpThreads;
  }

  /** The cache of this JVM, reading models through Hadoop with one intra-op thread per session. */
  public static OrtSessionCache shared() {
    return SHARED;
  }

  /** The session of that model version, created (once) if this JVM has none yet. */
  public OrtSession session(ModelRef model) {
    return sessions.computeIfAbsent(key(model.sha256()), k -> open(model));
  }

  /**
   * Closes and forgets the session of that model version (after DROP MODEL). Call it only when no query
   * still scores with that version: a running batch would fail.
   */
  public boolean release(String sha256) {
    OrtSession session = sessions.remove(key(sha256));
    if (session == null) {
      return false;
    }
    try {
      session.close();
    } catch (OrtException e) {
      throw new ModelScoringException("Could not close the ONNX Runtime session of model " + sha256, e);
    }
    return true;
  }

  public boolean isOpen(String sha256) {
    return sessions.containsKey(key(sha256));
  }

  private OrtSession open(ModelRef model) {
    byte[] bytes;
    try {
      bytes = source.read(model);
    } catch (IOException | RuntimeException e) {
      throw new ModelScoringException("Cannot read model " + model.qualifiedName() + " from "
          + model.location() + ": " + e.getMessage(), e);
    }
    String actual = sha256(bytes);
    if (!actual.equalsIgnoreCase(model.sha256())) {
      throw new ModelScoringException("Model " + model.qualifiedName() + " at " + model.location()
          + " does not match its registered SHA-256: expected " + model.sha256() + ", found " + actual);
    }
    try (OrtSession.SessionOptions options = new OrtSession.SessionOptions()) {
      options.setIntraOpNumThreads(intraOpThreads);
      OrtSession session = OrtEnvironment.getEnvironment().createSession(bytes, options);
      // Says where models are loaded: on a cluster, in each executor's log.
      LOG.info("Loaded model {} from {} on executor {}", model.qualifiedName(), model.location(), executorId());
      return session;
    } catch (OrtException e) {
      throw new ModelScoringException("ONNX Runtime cannot load model " + model.qualifiedName() + " from "
          + model.location() + ": " + e.getMessage(), e);
    }
  }

  private static String executorId() {
    SparkEnv env = SparkEnv.get();
    return env == null ? "(none)" : env.executorId();
  }

  /** Lower-case hex SHA-256 of the bytes. */
  public static String sha256(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("The JVM has no SHA-256", e);
    }
  }

  private static String key(String sha256) {
    return sha256.toLowerCase(Locale.ROOT);
  }
}
