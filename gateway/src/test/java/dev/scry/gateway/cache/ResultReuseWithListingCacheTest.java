package dev.scry.gateway.cache;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.scry.engine.translate.RelationCachePolicy;
import dev.scry.gateway.RunningGateway;
import dev.scry.gateway.config.ScryConfig;
import dev.scry.gateway.session.StatementObserver;
import dev.scry.gateway.session.StatementRecord;
import dev.scry.testing.ResultRows;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The result cache with the scan listing cache on (a TTL of 2 s here): the key's files are those of
 * the relation the scan itself uses, so a result is kept from its first run and a repeat runs no
 * Spark job; a file added to the folder gives a fresh result once the listing's TTL has passed, and
 * that result is kept in turn.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ResultReuseWithListingCacheTest {
  private static final long LISTING_TTL_MILLIS = 2_000;

  @TempDir static Path work;

  private RunningGateway gateway;
  private Connection connection;
  private SparkJobCounter jobs;
  private final List<StatementRecord> records = new CopyOnWriteArrayList<>();

  @BeforeAll
  void start() {
    gateway =
        RunningGateway.start(
            work,
            false,
            config -> {
              Map<String, String> spark = new HashMap<>(config.spark().conf());
              // Other test gateways in this JVM name their own TTL when they start.
              spark.put(RelationCachePolicy.TTL, LISTING_TTL_MILLIS + "ms");
              return new ScryConfig(
                  config.server(),
                  config.storage(),
                  config.warehouse(),
                  new ScryConfig.SparkConfig(config.spark().master(), spark),
                  config.demo(),
                  config.limits());
            },
            new StatementObserver() {
              @Override
              public void statementFinished(StatementRecord record) {
                records.add(record);
              }
            });
    jobs = SparkJobCounter.on(gateway.spark().sparkContext());
  }

  @AfterAll
  void stop() throws SQLException {
    if (connection != null) {
      connection.close();
    }
    gateway.close();
  }

  @Test
  void keptFromTheFirstRunAndFreshOnceTheListingIsRenewed() throws Exception {
    connection = gateway.connect();
    Path folder = Files.createDirectories(work.resolve("ext"));
    Files.writeString(folder.resolve("a.csv"), "id,v\n1,10\n2,20\n");
    try (Statement statement = connection.createStatement()) {
      statement.execute(
          "CREATE EXTERNAL TABLE ext STORED AS CSV LOCATION '"
              + folder.toUri()
              + "' OPTIONS (header 'true')");
    }
    String sql = "SELECT count(*) AS n, sum(v) AS total FROM ext";
    assertEquals(List.of(List.of(2L, 30L)), query(sql));
    assertEquals(0, jobs.jobsDuring(() -> assertEquals(List.of(List.of(2L, 30L)), query(sql))));
    assertTrue(records.get(records.size() - 1).reused());

    Files.writeString(folder.resolve("b.csv"), "id,v\n3,30\n");
    // No assertion within the TTL: a run and a reuse both see the listing of before (lake.md).
    Thread.sleep(LISTING_TTL_MILLIS + 500);
    assertEquals(List.of(List.of(3L, 60L)), query(sql));
    assertEquals(false, records.get(records.size() - 1).reused());
    assertEquals(0, jobs.jobsDuring(() -> assertEquals(List.of(List.of(3L, 60L)), query(sql))));
  }

  private List<List<Object>> query(String sql) throws SQLException {
    return ResultRows.query(connection, sql);
  }
}
