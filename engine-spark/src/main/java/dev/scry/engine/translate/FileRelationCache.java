package dev.scry.engine.translate;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import java.util.function.LongSupplier;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * Resolved file relations ({@code DataFrameReader.load}: the data source looked up, the files listed,
 * the relation analyzed), kept between queries so that a repeated query does not pay for them again.
 *
 * <p>An entry is used for at most {@link RelationCachePolicy#ttlNanos()} after it was loaded, so files
 * that other writers add or remove become visible within that time. Scry's own writes need no eviction:
 * each lands in a new data folder, which changes the scan's key. At most
 * {@link RelationCachePolicy#maxEntries()} entries are kept, the least recently used dropped first.
 * A miss loads outside the lock: two threads missing the same key both load, and the later one's
 * relation is kept, rather than one table's slow listing holding up every other table's queries.
 */
public final class FileRelationCache {
  private record Entry(Dataset<Row> relation, long loadedAt) {}

  private final RelationCachePolicy policy;
  private final LongSupplier nanoClock;
  private final Map<FileRelationKey, Entry> entries;

  public FileRelationCache(RelationCachePolicy policy, LongSupplier nanoClock) {
    this.policy = Objects.requireNonNull(policy, "policy");
    this.nanoClock = Objects.requireNonNull(nanoClock, "nanoClock");
    this.entries =
        new LinkedHashMap<>(16, 0.75f, true) {
          @Override
          protected boolean removeEldestEntry(Map.Entry<FileRelationKey, Entry> eldest) {
            return size() > policy.maxEntries();
          }
        };
  }

  public FileRelationCache(RelationCachePolicy policy) {
    this(policy, System::nanoTime);
  }

  /** The relation for {@code key}: the kept one while it is fresh, else {@code loader}'s, then kept. */
  public Dataset<Row> get(FileRelationKey key, Function<FileRelationKey, Dataset<Row>> loader) {
    if (!policy.enabled()) {
      return loader.apply(key);
    }
    long now = nanoClock.getAsLong();
    synchronized (entries) {
      Entry kept = entries.get(key);
      if (kept != null && now - kept.loadedAt() < policy.ttlNanos()) {
        return kept.relation();
      }
    }
    Dataset<Row> relation = loader.apply(key);
    synchronized (entries) {
      entries.put(key, new Entry(relation, now));
    }
    return relation;
  }

  /** Whether the relation kept for {@code key} (fresh or not) is {@code relation}: none replaced it. */
  public boolean holds(FileRelationKey key, Dataset<Row> relation) {
    synchronized (entries) {
      Entry kept = entries.get(key);
      return kept != null && kept.relation() == relation;
    }
  }

  /** Whether relations are kept at all (a TTL and a size above 0). */
  public boolean enabled() {
    return policy.enabled();
  }

  /** Number of relations kept (expired ones included until they are replaced or pushed out). */
  public int size() {
    synchronized (entries) {
      return entries.size();
    }
  }
}
