package dev.scry.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.scry.testing.TestData;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * Model aliases through the Scry driver: set, move and drop one, score through it in every PREDICT form,
 * move one under load ({@link AliasMoveLoad}), list versions with their aliases, describe a version
 * through its alias, and the errors a client gets.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ModelAliasesThroughJdbcTest {
  @TempDir static Path work;

  private RunningGateway gateway;
  private Map<Integer, List<Object>> version1;
  private Map<Integer, List<Object>> version2;

  @BeforeAll
  void startGateway() throws SQLException {
    gateway = RunningGateway.start(work);
    try (Connection connection = gateway.connect();
        Statement statement = connection.createStatement()) {
      AliasedIris.register(statement);
      version1 = AliasedIris.tableFunctionScores(statement, "iris2:1");
      version2 = AliasedIris.tableFunctionScores(statement, "iris2:2");
    }
    assertEquals(150, version1.size());
    assertNotEquals(
        version1, version2, "the two versions score differently, so results tell them apart");
  }

  @AfterAll
  void stopGateway() {
    if (gateway != null) {
      gateway.close();
    }
  }

  @Test
  void anAliasIsSetMovedAndDropped() throws SQLException {
    try (Connection connection = gateway.connect();
        Statement statement = connection.createStatement()) {
      statement.execute("ALTER MODEL iris2 SET ALIAS staging = 1");
      assertEquals(version1, AliasedIris.tableFunctionScores(statement, "iris2@staging"));
      assertEquals("staging", versionRows(statement).get(0).get(4));

      statement.execute("ALTER MODEL iris2 SET ALIAS staging = 2");
      assertEquals(version2, AliasedIris.tableFunctionScores(statement, "iris2@staging"));
      List<List<Object>> versions = versionRows(statement);
      assertEquals("", versions.get(0).get(4));
      assertEquals("staging", versions.get(1).get(4));
      assertTrue(showModelsAliases(statement).contains("staging=2"));

      statement.execute("ALTER MODEL iris2 DROP ALIAS staging");
      SQLException gone =
          assertThrows(
              SQLException.class,
              () -> AliasedIris.tableFunctionScores(statement, "iris2@staging"));
      assertEquals("42000", gone.getSQLState());
      assertTrue(
          gone.getMessage().contains("Model 'iris2' has no alias 'staging'"), gone.getMessage());
      assertTrue(!showModelsAliases(statement).contains("staging"));
    }
  }

  @Test
  void everyPredictFormScoresTheVersionItsAliasNames() throws SQLException {
    try (Connection connection = gateway.connect();
        Statement statement = connection.createStatement()) {
      statement.execute("ALTER MODEL iris2 SET ALIAS champion = 1");
      statement.execute("ALTER MODEL iris2 SET ALIAS challenger = 2");
      for (String alias : List.of("champion", "challenger")) {
        Map<Integer, List<Object>> expected = alias.equals("champion") ? version1 : version2;
        String model = "iris2@" + alias;
        assertEquals(expected, AliasedIris.tableFunctionScores(statement, model), alias);
        assertEquals(
            expected,
            AliasedIris.byIndex(
                statement,
                """
                SELECT * FROM TABLE(PREDICT(MODEL => '%s',
                  DATA => (SELECT "_index_", ARRAY[Sepal_Length, Sepal_Width] AS input FROM iris)))"""
                    .formatted(model),
                3),
            alias + ", FROM TABLE(PREDICT(…))");
        assertEquals(
            expected,
            AliasedIris.byIndex(
                statement,
                """
                SELECT d."_index_", p.* FROM PREDICT(MODEL = '%s',
                  DATA = (SELECT "_index_", ARRAY[Sepal_Length, Sepal_Width] AS input FROM iris) AS d) AS p"""
                    .formatted(model),
                2),
            alias + ", T-SQL form");
        Map<Integer, List<Object>> labels =
            AliasedIris.byIndex(
                statement,
                "SELECT \"_index_\", PREDICT('%s', Sepal_Length, Sepal_Width) FROM iris"
                    .formatted(model),
                2);
        assertEquals(firstColumn(expected), labels, alias + ", scalar form: the label");
      }
    }
  }

  /**
   * 16 clients score through an alias while another connection moves it 20 times: no statement fails,
   * every result is exactly one version's scores for all 150 rows, a statement during which the alias
   * did not move has the version it named, and both versions were served.
   */
  @Test
  void movingAnAliasUnderLoadFailsNoQueryAndNeverMixesVersions() throws Exception {
    AliasMoveLoad.Report report =
        new AliasMoveLoad(gateway, "live", version1, version2).run(16, 20);
    assertEquals(List.of(), report.problems());
    assertEquals(Set.of(1, 2), report.versionsSeen());
    assertTrue(report.results() >= 16, "results: " + report.results());
  }

  @Test
  void versionsAreListedAndDescribedThroughTheirAliases() throws SQLException {
    try (Connection connection = gateway.connect();
        Statement statement = connection.createStatement()) {
      statement.execute("ALTER MODEL iris2 SET ALIAS described = 2");
      List<List<Object>> versions = versionRows(statement);
      assertEquals(2, versions.size());
      assertEquals(List.of(1, 2), versions.stream().map(row -> row.get(0)).toList());
      for (List<Object> row : versions) {
        Instant.parse((String) row.get(1));
        assertTrue(((String) row.get(2)).endsWith("_iris2.onnx"), row.toString());
      }
      assertEquals(
          "sha256:" + TestData.sha256("skl2onnx_onnxmltools_xgboost_iris2.onnx"),
          versions.get(1).get(3));
      assertTrue(((String) versions.get(1).get(4)).contains("described"));

      Map<String, String> properties = new HashMap<>();
      try (ResultSet rs = statement.executeQuery("DESCRIBE MODEL 'iris2@described'")) {
        while (rs.next()) {
          if ("property".equals(rs.getObject("kind"))) {
            properties.put((String) rs.getObject("name"), (String) rs.getObject("detail"));
          }
        }
      }
      assertEquals("2", properties.get("version"));
      assertTrue(properties.get("aliases").contains("described"), properties.toString());
      assertEquals(
          TestData.sha256("skl2onnx_onnxmltools_xgboost_iris2.onnx"), properties.get("sha256"));
    }
  }

  @Test
  void mistakesAreOneSentenceWithTheirSqlState() throws SQLException {
    try (Connection connection = gateway.connect();
        Statement statement = connection.createStatement()) {
      assertError(
          statement,
          "ALTER MODEL nothing SET ALIAS champion = 1",
          "42000",
          "At line 1, column 13: Model 'nothing' does not exist");
      assertError(
          statement,
          "ALTER MODEL iris2 SET ALIAS champion = 3",
          "42000",
          "At line 1, column 40: Model 'iris2' has no version 3; its versions: [1, 2]");
      assertError(
          statement,
          "ALTER MODEL iris2 DROP ALIAS never_set",
          "42000",
          "At line 1, column 30: Model 'iris2' has no alias 'never_set'");
      assertError(
          statement,
          "ALTER MODEL iris2 SET ALIAS \"2\" = 1",
          "42601",
          "At line 1, column 29: Alias '2' is not a valid alias name");
      assertError(
          statement,
          "SHOW MODEL VERSIONS nothing",
          "42000",
          "At line 1, column 21: Model 'nothing' does not exist");
    }
  }

  private static void assertError(Statement statement, String sql, String state, String message) {
    SQLException e = assertThrows(SQLException.class, () -> statement.execute(sql), sql);
    assertEquals(state, e.getSQLState(), sql);
    assertTrue(e.getMessage().contains(message), e.getMessage());
    assertTrue(!e.getMessage().contains("Exception"), "no class names: " + e.getMessage());
  }

  /** SHOW MODEL VERSIONS iris2, each row read with getObject. */
  private static List<List<Object>> versionRows(Statement statement) throws SQLException {
    List<List<Object>> rows = new ArrayList<>();
    try (ResultSet rs = statement.executeQuery("SHOW MODEL VERSIONS iris2")) {
      assertEquals("version", rs.getMetaData().getColumnLabel(1));
      assertEquals("aliases", rs.getMetaData().getColumnLabel(5));
      while (rs.next()) {
        List<Object> row = new ArrayList<>();
        for (int i = 1; i <= 6; i++) {
          row.add(rs.getObject(i));
        }
        rows.add(row);
      }
    }
    return rows;
  }

  private static String showModelsAliases(Statement statement) throws SQLException {
    try (ResultSet rs = statement.executeQuery("SHOW MODELS")) {
      while (rs.next()) {
        if ("iris2".equals(rs.getObject("model_name"))) {
          return (String) rs.getObject("aliases");
        }
      }
    }
    throw new AssertionError("iris2 is not listed");
  }

  private static Map<Integer, List<Object>> firstColumn(Map<Integer, List<Object>> rows) {
    Map<Integer, List<Object>> first = new HashMap<>();
    rows.forEach((index, values) -> first.put(index, List.of(values.get(0))));
    return first;
  }
}
