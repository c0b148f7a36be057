package dev.scry.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.scry.gateway.lake.Azurite;
import dev.scry.gateway.lake.TestLake;
import dev.scry.testing.TestData;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * Storage accounts on the Azurite lake, through the driver: a shared key and a SAS token work, a wrong
 * key fails with an authentication error that does not reveal it, and locations outside the configured
 * accounts are refused. No secret shows up in any result or error.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LakeAccountsThroughJdbcTest {
  @TempDir static Path work;

  private TestLake lake;
  private RunningGateway gateway;

  @BeforeAll
  void start() throws Exception {
    lake = TestLake.start(work);
    gateway =
        RunningGateway.start(
            RunningGateway.config(
                work, lake.storage(), work.resolve("warehouse").toString(), false));
    var hadoop = gateway.spark().sparkContext().hadoopConfiguration();
    lake.upload(
        hadoop,
        TestData.data("iris.csv"),
        TestLake.uri(Azurite.DEV_ACCOUNT, "data", "iris/iris.csv"));
    lake.upload(
        hadoop,
        TestData.data("iris.csv"),
        TestLake.uri(TestLake.SAS_ACCOUNT, "shared", "iris/iris.csv"));
  }

  @AfterAll
  void stop() {
    if (gateway != null) {
      gateway.close();
    }
    if (lake != null) {
      lake.close();
    }
  }

  @Test
  void sharedKeyAccountReadsCsvFromTheLake() throws SQLException {
    try (Connection connection = gateway.connect();
        Statement statement = connection.createStatement()) {
      statement.execute(
          "CREATE EXTERNAL TABLE iris_key STORED AS CSV LOCATION '"
              + TestLake.uri(Azurite.DEV_ACCOUNT, "data", "iris/")
              + "' OPTIONS (header 'true')");
      assertEquals(150, count(statement, "SELECT COUNT(*) FROM iris_key"));
      assertEquals(50, count(statement, "SELECT COUNT(*) FROM iris_key WHERE Species = 'setosa'"));
    }
  }

  @Test
  void sasTokenAccountReadsCsvFromTheLake() throws SQLException {
    try (Connection connection = gateway.connect();
        Statement statement = connection.createStatement()) {
      statement.execute(
          "CREATE EXTERNAL TABLE iris_sas STORED AS CSV LOCATION '"
              + TestLake.uri(TestLake.SAS_ACCOUNT, "shared", "iris/")
              + "' OPTIONS (header 'true')");
      assertEquals(150, count(statement, "SELECT COUNT(*) FROM iris_sas"));
    }
  }

  @Test
  void wrongKeyGivesAnAuthenticationErrorWithoutTheKey() throws SQLException {
    try (Connection connection = gateway.connect();
        Statement statement = connection.createStatement()) {
      SQLException error =
          assertThrows(
              SQLException.class,
              () ->
                  statement.execute(
                      "CREATE EXTERNAL TABLE nope STORED AS CSV LOCATION '"
                          + TestLake.uri(TestLake.BAD_ACCOUNT, "data", "iris/")
                          + "' OPTIONS (header 'true')"));
      String message = fullText(error);
      assertTrue(
          message.contains("scrybad") && message.toLowerCase().contains("auth"),
          "names the account and says authentication failed: " + message);
      assertNoSecret(message);
      // The gateway stays up.
      assertEquals(1, count(statement, "SELECT 1"));
    }
  }

  @Test
  void locationsOutsideTheConfiguredStorageAreRefused() throws SQLException {
    List<String> refused =
        List.of(
            "file:///etc/passwd",
            "abfss://data@someoneelse.dfs.core.windows.net/x/",
            "abfs://data@devstoreaccount1.blob.core.windows.net/x/",
            TestLake.uri(Azurite.DEV_ACCOUNT, "data", "iris/../../other/"),
            "http://127.0.0.1/x/",
            "wasbs://data@devstoreaccount1.dfs.core.windows.net/iris/");
    try (Connection connection = gateway.connect();
        Statement statement = connection.createStatement()) {
      for (String location : refused) {
        SQLException error =
            assertThrows(
                SQLException.class,
                () ->
                    statement.execute(
                        "CREATE EXTERNAL TABLE escaped STORED AS CSV LOCATION '" + location + "'"),
                location);
        String message = error.getMessage();
        assertTrue(
            message.contains("outside the configured storage") || message.contains("'..'"),
            location + ": " + message);
        assertNoSecret(message);
      }
      SQLException model =
          assertThrows(
              SQLException.class,
              () ->
                  statement.execute(
                      "CREATE MODEL escaped FROM 'abfss://models@someoneelse.dfs.core.windows.net/m.onnx'"));
      assertTrue(model.getMessage().contains("outside the configured storage"), model.getMessage());
    }
  }

  @Test
  void secretsAppearInNoShowOrExplainOutput() throws SQLException {
    try (Connection connection = gateway.connect();
        Statement statement = connection.createStatement()) {
      statement.execute(
          "CREATE EXTERNAL TABLE IF NOT EXISTS iris_shown STORED AS CSV LOCATION '"
              + TestLake.uri(TestLake.SAS_ACCOUNT, "shared", "iris/")
              + "' OPTIONS (header 'true')");
      StringBuilder everything = new StringBuilder();
      for (String sql :
          List.of(
              "SHOW TABLES",
              "DESCRIBE iris_shown",
              "SHOW SCHEMAS",
              "EXPLAIN PLAN FOR SELECT * FROM iris_shown WHERE Species = 'setosa'",
              "SHOW MODELS")) {
        try (ResultSet rs = statement.executeQuery(sql)) {
          int columns = rs.getMetaData().getColumnCount();
          while (rs.next()) {
            for (int i = 1; i <= columns; i++) {
              everything.append(rs.getString(i)).append(' ');
            }
          }
        }
      }
      assertTrue(everything.toString().contains("iris_shown"), everything.toString());
      assertNoSecret(everything.toString());
    }
  }

  private void assertNoSecret(String text) {
    for (String secret :
        List.of(
            Azurite.DEV_KEY,
            TestLake.WRONG_KEY,
            TestLake.BAD_REAL_KEY,
            TestLake.SAS_KEY,
            lake.sasToken(),
            lake.sasToken().substring(lake.sasToken().indexOf("sig=") + 4))) {
      assertFalse(text.contains(secret), "a secret leaked into: " + text);
    }
  }

  private static String fullText(Throwable error) {
    List<String> parts = new ArrayList<>();
    for (Throwable t = error; t != null; t = t.getCause()) {
      parts.add(String.valueOf(t.getMessage()));
    }
    return String.join(" | ", parts);
  }

  private static long count(Statement statement, String sql) throws SQLException {
    try (ResultSet rs = statement.executeQuery(sql)) {
      assertTrue(rs.next());
      return rs.getLong(1);
    }
  }
}
