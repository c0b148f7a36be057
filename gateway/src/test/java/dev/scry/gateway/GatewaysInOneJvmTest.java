package dev.scry.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.scry.engine.translate.RelationCachePolicy;
import dev.scry.gateway.lake.Azurite;
import dev.scry.gateway.lake.TestLake;
import dev.scry.gateway.session.StatementObserver;
import dev.scry.testing.TestData;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Map;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Gateways started one after another in one JVM share its SparkSession and Hadoop's file system cache;
 * each must run on its own configuration: an earlier gateway's {@code spark.scry.*} settings do not stay,
 * and its lake file systems (bound to its emulator's endpoint) are closed with it.
 */
class GatewaysInOneJvmTest {
  private static final String TTL = RelationCachePolicy.TTL;
  private static final String POOLS = "spark.scry.scheduler.pools";
  private static final String COLLECT = "spark.scry.result.collectMaxBytes";

  @TempDir Path work;

  @Test
  void anEarlierGatewaysScrySettingsDoNotStay() {
    Map<String, String> earlier = Map.of(TTL, "0", POOLS, "3", COLLECT, "1k");
    try (RunningGateway first =
        RunningGateway.start(
            work.resolve("first"),
            false,
            config -> RunningGateway.withSpark(config, earlier),
            StatementObserver.NONE)) {
      SparkSession spark = first.spark();
      assertEquals("0", spark.conf().get(TTL));
      assertEquals("3", spark.sparkContext().conf().get(POOLS));
      assertEquals("1k", spark.conf().get(COLLECT));
    }
    try (RunningGateway second =
        RunningGateway.start(
            work.resolve("second"), false, config -> config, StatementObserver.NONE)) {
      SparkSession spark = second.spark();
      assertEquals(Duration.ofSeconds(10), RelationCachePolicy.fromSpark(spark).ttl());
      assertFalse(spark.conf().getOption(TTL).isDefined(), "the first gateway's TTL stayed");
      assertFalse(spark.conf().getOption(COLLECT).isDefined(), "collectMaxBytes stayed");
      assertFalse(spark.sparkContext().conf().contains(POOLS), "the pool count stayed");
    }
    try (RunningGateway third =
        RunningGateway.start(
            work.resolve("third"),
            false,
            config -> RunningGateway.withSpark(config, Map.of(POOLS, "5")),
            StatementObserver.NONE)) {
      assertEquals("5", third.spark().sparkContext().conf().get(POOLS));
    }
  }

  /**
   * The same container of the same account on two emulators, one after the other: the second gateway
   * reads from the second emulator, not through the file system Hadoop cached for the first (stopped).
   */
  @Test
  void aLakeFileSystemIsClosedWithItsGateway() throws Exception {
    for (String round : new String[] {"first", "second"}) {
      Path folder = Files.createDirectories(work.resolve(round));
      try (TestLake lake = TestLake.start(folder);
          RunningGateway gateway =
              RunningGateway.start(
                  RunningGateway.config(
                      folder, lake.storage(), folder.resolve("warehouse").toString(), false))) {
        String table = TestLake.uri(Azurite.DEV_ACCOUNT, "onejvm", "iris/");
        lake.upload(
            gateway.spark().sparkContext().hadoopConfiguration(),
            TestData.data("iris.csv"),
            table + "iris.csv");
        try (Connection connection = gateway.connect();
            Statement statement = connection.createStatement()) {
          statement.execute(
              "CREATE EXTERNAL TABLE iris STORED AS CSV LOCATION '"
                  + table
                  + "' OPTIONS (header 'true')");
          assertEquals(150L, count(statement, "SELECT count(*) FROM iris"), round);
        }
      }
    }
  }

  private static long count(Statement statement, String sql) throws SQLException {
    try (ResultSet rows = statement.executeQuery(sql)) {
      rows.next();
      return ((Number) rows.getObject(1)).longValue();
    }
  }
}
