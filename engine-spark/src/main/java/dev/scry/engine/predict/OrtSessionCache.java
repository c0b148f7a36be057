package dev.scry.engine.predict;

import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import dev.scry.planner.predict.ModelRef;
import java.io.IOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import org.apache.spark.SparkEnv;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One ONNX Runtime session per model version (keyed by the SHA-256 of its bytes) per JVM, created on first
 * use and shared by every task of that JVM ({@link OrtSession#run} is thread-safe). Tasks hold a
 * {@link Lease} while they score, so that DROP MODEL can release a session without closing it under a
 * running batch. The bytes are verified
 * against the registered SHA-256 before a session is built, so a changed file never scores as the version.
 */
public final class OrtSessionCache {
  /** Spark runs one task per core: more intra-op threads per session would oversubscribe the cores. */
  public static final int DEFAULT_INTRA_OP_THREADS = 1;

  private static final OrtSessionCache SHARED =
      new OrtSessionCache(new HadoopModelBytes(), DEFAULT_INTRA_OP_THREADS);

  private static final Logger LOG = LoggerFactory.getLogger(OrtSessionCache.class);

  private final Map<String, Entry> sessions = new HashMap<>();
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

  /**
   * The session of that model version, created (once) if this JVM has none yet, leased until the lease
   * is closed: a released version's session is closed only when its last lease is.
   */
  public Lease acquire(ModelRef model) {
    String key = key(model.sha256());
    synchronized (sessions) {
      Entry entry = sessions.get(key);
      long loadNanos = 0;
      if (entry == null) {
        long start = System.nanoTime();
        // Opened under the lock: concurrent first uses of a version wait rather than load it twice.
        UnzippedModel scored = UnzippedModel.of(verifiedBytes(model));
        entry = new Entry(open(model, scored.bytes()), scored.classTensors());
        sessions.put(key, entry);
        loadNanos = Math.max(1, System.nanoTime() - start);
      }
      entry.leases++;
      return new Lease(entry, loadNanos);
    }
  }

  /**
   * Forgets the session of that model version (after DROP MODEL) and closes it once no batch still scores
   * with it; a later use opens a new one. Returns whether this JVM had a session for it.
   */
  public boolean release(String sha256) {
    synchronized (sessions) {
      Entry entry = sessions.remove(key(sha256));
      if (entry == null) {
        return false;
      }
      entry.retired = true;
      entry.closeIfUnused();
      return true;
    }
  }

  public boolean isOpen(String sha256) {
    synchronized (sessions) {
      return sessions.containsKey(key(sha256));
    }
  }

  /** A session with its lease count; guarded by the cache's lock. */
  private static final class Entry {
    private final OrtSession session;
    private final Map<String, UnzippedModel.ClassTensor> classTensors;
    private int leases;
    private boolean retired;

    Entry(OrtSession session, Map<String, UnzippedModel.ClassTensor> classTensors) {
      this.session = session;
      this.classTensors = classTensors;
    }

    void closeIfUnused() {
      if (retired && leases == 0) {
        try {
          session.close();
        } catch (OrtException e) {
          throw new ModelScoringException(
              "Could not close an ONNX Runtime session: " + e.getMessage(), e);
        }
      }
    }
  }

  /** One user's hold on a session; closing it twice is harmless. */
  public final class Lease implements AutoCloseable {
    private final Entry entry;
    private final long loadNanos;
    private boolean closed;

    private Lease(Entry entry, long loadNanos) {
      this.entry = entry;
      this.loadNanos = loadNanos;
    }

    /** How long this acquire took to read and load the model; 0 when the session was already open. */
    public long loadNanos() {
      return loadNanos;
    }

    public OrtSession session() {
      return entry.session;
    }

    /** The ZipMap outputs this session returns as [N, classes] tensors instead, by output name. */
    Map<String, UnzippedModel.ClassTensor> classTensors() {
      return entry.classTensors;
    }

    @Override
    public void close() {
      synchronized (sessions) {
        if (closed) {
          return;
        }
        closed = true;
        entry.leases--;
        entry.closeIfUnused();
      }
    }
  }

  private byte[] verifiedBytes(ModelRef model) {
    byte[] bytes;
    try {
      bytes = source.read(model);
    } catch (IOException | RuntimeException e) {
      throw new ModelScoringException(
          "Cannot read model "
              + model.qualifiedName()
              + " from "
              + model.location()
              + ": "
              + e.getMessage(),
          e);
    }
    String actual = sha256(bytes);
    if (!actual.equalsIgnoreCase(model.sha256())) {
      throw new ModelScoringException(
          "Model "
              + model.qualifiedName()
              + " at "
              + model.location()
              + " does not match its registered SHA-256: expected "
              + model.sha256()
              + ", found "
              + actual);
    }
    return bytes;
  }

  private OrtSession open(ModelRef model, byte[] bytes) {
    try (OrtSession.SessionOptions options = new OrtSession.SessionOptions()) {
      options.setIntraOpNumThreads(intraOpThreads);
      OrtSession session = OrtEnvironment.getEnvironment().createSession(bytes, options);
      // Says where models are loaded: on a cluster, in each executor's log.
      LOG.info(
          "Loaded model {} from {} on executor {}",
          model.qualifiedName(),
          model.location(),
          executorId());
      return session;
    } catch (OrtException e) {
      throw new ModelScoringException(
          "ONNX Runtime cannot load model "
              + model.qualifiedName()
              + " from "
              + model.location()
              + ": "
              + OrtLoadErrors.reason(e.getMessage()),
          e);
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
