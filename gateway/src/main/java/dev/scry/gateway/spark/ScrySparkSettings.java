package dev.scry.gateway.spark;

import java.util.HashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import org.apache.spark.SparkConf;
import org.apache.spark.sql.RuntimeConfig;
import org.apache.spark.sql.SparkSession;
import scala.Tuple2;
import scala.jdk.javaapi.CollectionConverters;

/**
 * Scry's own Spark settings ({@code spark.scry.*}, under {@code spark.conf} in the configuration) made
 * exactly what a starting gateway's configuration says. Spark hands a JVM's second gateway the
 * SparkSession of its first, settings included: one the first gateway set and the second leaves out
 * would otherwise stay in force instead of its default. So each key the configuration names is set, and
 * each other {@code spark.scry.*} key is removed (its reader then uses its default), in both places Scry
 * reads them: the session's runtime settings and the SparkContext's (the FAIR pool count is read there).
 * Spark itself reads neither.
 */
public final class ScrySparkSettings {
  static final String PREFIX = "spark.scry.";

  private ScrySparkSettings() {}

  /** Makes the {@code spark.scry.*} settings of {@code spark} those of {@code configured}. */
  public static void apply(SparkSession spark, Map<String, String> configured) {
    Objects.requireNonNull(spark, "spark");
    Map<String, String> scry = new TreeMap<>();
    configured.forEach(
        (key, value) -> {
          if (key.startsWith(PREFIX)) {
            scry.put(key, value);
          }
        });
    RuntimeConfig session = spark.conf();
    for (String key : CollectionConverters.asJava(session.getAll()).keySet()) {
      if (key.startsWith(PREFIX) && !scry.containsKey(key)) {
        session.unset(key);
      }
    }
    SparkConf context = spark.sparkContext().conf();
    Set<String> contextKeys = new HashSet<>();
    for (Tuple2<String, String> setting : context.getAll()) {
      contextKeys.add(setting._1());
    }
    for (String key : contextKeys) {
      if (key.startsWith(PREFIX) && !scry.containsKey(key)) {
        context.remove(key);
      }
    }
    scry.forEach(
        (key, value) -> {
          session.set(key, value);
          context.set(key, value);
        });
  }
}
