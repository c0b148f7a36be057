package dev.scry.planner.ddl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.scry.planner.CommandResult;
import dev.scry.planner.ResultColumn;
import dev.scry.planner.ScryException;
import dev.scry.planner.ScryPlanner;
import dev.scry.planner.catalog.Catalog;
import dev.scry.planner.catalog.LocationPolicy;
import dev.scry.planner.catalog.ModelRegistry;
import dev.scry.planner.parser.ScryParser;
import dev.scry.planner.script.FixtureCatalog;
import dev.scry.planner.script.FixtureLake;
import dev.scry.planner.script.PlannerSession;
import dev.scry.planner.testing.InMemoryFileStore;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.calcite.sql.SqlNode;
import org.junit.jupiter.api.Test;

/** The registry of command statements: each kind has a handler, and declares the columns it returns. */
class CommandsTest {
  /**
   * One statement of each registered kind, run in this order on the fixture. A new kind fails
   * {@link #everyKindHasASample} until a statement of it is added here.
   */
  private static final List<String> SAMPLES =
      List.of(
          "CREATE SCHEMA scratch",
          "CREATE EXTERNAL TABLE scratch.t (id BIGINT) STORED AS PARQUET LOCATION '"
              + FixtureLake.LAKE
              + "t/'",
          "CREATE TABLE scratch.copy AS SELECT * FROM iris",
          "CREATE TABLE scratch.blank (id BIGINT NOT NULL, label VARCHAR(10))",
          "INSERT INTO scratch.blank (label, id) VALUES ('a', 1)",
          "INSERT OVERWRITE TABLE scratch.blank SELECT 2, 'b'",
          "SHOW SCHEMAS",
          "SHOW TABLES IN scratch",
          "SHOW MODELS",
          "DESCRIBE scratch.t",
          "CREATE VIEW scratch.v AS SELECT id FROM scratch.t",
          "SHOW CREATE VIEW scratch.v",
          "DROP VIEW scratch.v",
          "DESCRIBE MODEL iris_rf",
          "EXPLAIN PLAN FOR SELECT * FROM titanic",
          "SET predict.batch_size = 64",
          "DROP TABLE scratch.t",
          "DROP TABLE scratch.blank",
          "DROP SCHEMA scratch",
          "CREATE MODEL iris_copy FROM '" + FixtureLake.MODELS + "skl2onnx_rf_iris.onnx'",
          "DROP MODEL iris_copy",
          // Issue 17: EXPLAIN ANALYZE and model input drift.
          "EXPLAIN ANALYZE SELECT * FROM titanic",
          "SHOW MODEL DRIFT iris_rf",
          // Model aliases (issue 16, part 2)
          "ALTER MODEL iris_rf SET ALIAS champion = 1",
          "SHOW MODEL VERSIONS iris_rf",
          "ALTER MODEL iris_rf DROP ALIAS champion",
          // Delta table history (issue 16)
          "DESCRIBE HISTORY titanic");

  /** The kinds that write through the engine, which the planner's tests have none of. */
  private static final Set<String> NEED_AN_ENGINE =
      Set.of("ScryCreateTableAs", "SqlInsert", "ScryInsertOverwrite");

  /**
   * Issue 17: kinds that return rows but are refused on the fixture (no engine, no baseline), with
   * their refusal.
   */
  private static final Map<String, String> REFUSED_ON_THE_FIXTURE =
      Map.of(
          "ScryExplainAnalyze",
          "This gateway has no engine to run EXPLAIN ANALYZE with",
          "ScryShowModelDrift",
          "Model iris_rf:1 has no baseline to compare with: register it with CREATE OR REPLACE"
              + " MODEL … WITH (baseline = 'query or table')",
          "ScryDescribeHistory",
          "DESCRIBE HISTORY reads a Delta table's log; default.titanic is stored as"
              + " PARQUET, which keeps no history");

  @Test
  void eachStatementClassIsRegisteredOnce() {
    Set<Class<?>> classes = new HashSet<>();
    for (StatementKind<?> kind : Commands.KINDS) {
      assertTrue(
          classes.add(kind.statement()), "registered twice: " + kind.statement().getSimpleName());
    }
  }

  @Test
  void everyKindHasAHandler() {
    InMemoryFileStore files = FixtureLake.files();
    Catalog catalog = Catalog.open(files, FixtureLake.WAREHOUSE);
    LocationPolicy locations = new LocationPolicy(FixtureLake.roots());
    ModelRegistry models = new ModelRegistry(catalog, files, FixtureLake.WAREHOUSE, locations);
    CommandServices services =
        CommandServices.of(
            catalog,
            models,
            new ScryPlanner(catalog, models, files),
            new LakeAccess(files, locations, FixtureLake.inferrer()),
            Optional.empty());
    for (StatementKind<?> kind : Commands.KINDS) {
      assertNotNull(kind.handler(services), kind.statement().getSimpleName());
    }
  }

  @Test
  void everyKindHasASample() throws Exception {
    Set<Class<?>> sampled = new HashSet<>();
    for (String sql : SAMPLES) {
      SqlNode node = ScryParser.parse(sql);
      sampled.add(
          Commands.kindOf(node)
              .orElseThrow(() -> new AssertionError("not registered: " + sql))
              .statement());
    }
    Set<Class<?>> registered =
        Commands.KINDS.stream().map(StatementKind::statement).collect(Collectors.toSet());
    assertEquals(registered, sampled);
  }

  /** What a statement returns is what it declared: rows with exactly its columns, or none if none. */
  @Test
  void eachKindReturnsTheColumnsItDeclares() throws Exception {
    PlannerSession session = FixtureCatalog.open();
    for (String sql : SAMPLES) {
      StatementKind<?> kind = Commands.kindOf(ScryParser.parse(sql)).orElseThrow();
      List<ResultColumn> declared = Commands.columns(ScryParser.parse(sql));
      assertEquals(kind.columns(), declared, sql);
      if (NEED_AN_ENGINE.contains(kind.statement().getSimpleName())) {
        assertTrue(declared.isEmpty(), sql);
        ScryException refused = assertThrows(ScryException.class, () -> session.execute(sql), sql);
        assertEquals("This gateway has no engine to write tables with", refused.getMessage(), sql);
        continue;
      }
      String refusal = REFUSED_ON_THE_FIXTURE.get(kind.statement().getSimpleName());
      if (refusal != null) {
        assertFalse(declared.isEmpty(), sql);
        ScryException refused = assertThrows(ScryException.class, () -> session.execute(sql), sql);
        assertEquals(refusal, refused.getMessage(), sql);
        continue;
      }
      CommandResult result = session.execute(sql);
      assertEquals(declared, result.columns(), sql);
      if (result.hasRows()) {
        assertFalse(result.rows().isEmpty(), sql);
        result.rows().forEach(row -> assertEquals(declared.size(), row.size(), sql));
      }
    }
  }

  /** A statement no kind claims plans with no columns and is refused when run, as before the registry. */
  @Test
  void otherStatementsAreRefused() throws Exception {
    String sql = "DELETE FROM iris";
    assertTrue(Commands.columns(ScryParser.parse(sql)).isEmpty());
    ScryException refused =
        assertThrows(ScryException.class, () -> FixtureCatalog.open().execute(sql));
    assertEquals("Statement not supported yet: DELETE", refused.getMessage());
  }
}
