package dev.scry.planner;

import dev.scry.planner.catalog.CatalogSnapshot;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The state one connection carries between statements: its default schema and the settings made with
 * {@code SET}. Thread-safe: a connection's statements may run on different server threads.
 */
public final class SessionState {
  public static final String PREDICT_BATCH_SIZE = "predict.batch_size";

  /** {@code on} (the default) or {@code off}: whether this session's queries may reuse cached results. */
  public static final String RESULT_CACHE = "result_cache";

  private volatile String schema;
  private final Map<String, String> settings = new ConcurrentHashMap<>();

  public SessionState(String schema) {
    this.schema = Objects.requireNonNull(schema, "schema");
  }

  public static SessionState withDefaultSchema() {
    return new SessionState(CatalogSnapshot.DEFAULT_SCHEMA);
  }

  public String schema() {
    return schema;
  }

  public void setSchema(String schema) {
    this.schema = Objects.requireNonNull(schema, "schema");
  }

  public void set(String key, String value) {
    settings.put(key.toLowerCase(Locale.ROOT), value);
  }

  public void reset(String key) {
    settings.remove(key.toLowerCase(Locale.ROOT));
  }

  public Map<String, String> settings() {
    return Map.copyOf(settings);
  }

  /** Whether the session lets queries answer from the result cache: unless {@code SET result_cache = off}. */
  public boolean resultCacheOn() {
    String value = settings.get(RESULT_CACHE);
    return value == null || !value.trim().equalsIgnoreCase("off");
  }

  /** The session's PREDICT batch size, or 0 when not set. */
  public int predictBatchSize() {
    String value = settings.get(PREDICT_BATCH_SIZE);
    return value == null ? 0 : Integer.parseInt(value);
  }
}
