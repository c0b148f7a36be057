package dev.scry.gateway.fuzz;

/**
 * Catalog statements: CREATE/DROP SCHEMA, TABLE (external, CTAS), MODEL, INSERT, SHOW, DESCRIBE,
 * EXPLAIN, SET and RESET. Only the scratch names of {@link FuzzTables} are created and dropped, so the
 * tables and models the other statements read stay in place.
 */
final class DdlGenerator {
  /** A catalog statement and whether running it writes data or loads a model (slow: run rarely). */
  record Ddl(String sql, boolean writes) {}

  private final Pick pick;
  private final QueryGenerator queries;
  private final Locations locations;

  /** Where external tables and models may come from, as {@code file:///} URIs. */
  record Locations(String irisCsv, String irisModel, String titanicModel, String scratchFolder) {}

  DdlGenerator(Pick pick, QueryGenerator queries, Locations locations) {
    this.pick = pick;
    this.queries = queries;
    this.locations = locations;
  }

  Ddl ddl() {
    return switch (pick.below(13)) {
      case 0 ->
          cheap(
              pick.oneOf(
                      "CREATE SCHEMA ",
                      "CREATE SCHEMA IF NOT EXISTS ",
                      "DROP SCHEMA ",
                      "DROP SCHEMA IF EXISTS ")
                  + schema());
      case 1 -> cheap(pick.oneOf("DROP TABLE ", "DROP TABLE IF EXISTS ") + scratchTable());
      case 2 -> externalTable();
      case 3 ->
          new Ddl(
              "CREATE TABLE "
                  + (pick.chance(0.3) ? "IF NOT EXISTS " : "")
                  + scratchTable()
                  + pick.oneOf(
                      "",
                      "",
                      " STORED AS JSON",
                      " STORED AS CSV OPTIONS (header 'true')",
                      " PARTITIONED BY (c0)",
                      " STORED AS ORC",
                      // Delta writes (issue 16)
                      " STORED AS DELTA")
                  + " AS SELECT "
                  + queries.selectList(
                      QueryGenerator.scope(FuzzTables.EMP, "e"), pick.between(1, 3))
                  + " FROM emp AS e",
              true);
      case 4 ->
          new Ddl(
              "INSERT INTO "
                  + pick.oneOf(scratchTable(), scratchTable(), "emp", "no_such_table")
                  + " "
                  + queries.select(),
              true);
      case 5 -> model();
      case 6 ->
          cheap(
              pick.oneOf("DROP MODEL ", "DROP MODEL IF EXISTS ")
                  + pick.oneOf(FuzzTables.SCRATCH_MODELS));
      case 7 ->
          cheap(
              pick.oneOf(
                  "SHOW SCHEMAS",
                  "SHOW TABLES",
                  "SHOW MODELS",
                  "SHOW TABLES IN " + schema(),
                  "SHOW TABLES IN default",
                  "SHOW TABLES IN no_such_schema",
                  // Model aliases (issue 16, part 2)
                  "SHOW MODEL VERSIONS iris_rf",
                  "SHOW MODEL VERSIONS no_such_model",
                  "ALTER MODEL iris_rf SET ALIAS champion = 1",
                  "ALTER MODEL iris_rf SET ALIAS champion = 9",
                  "ALTER MODEL iris_rf DROP ALIAS champion",
                  "ALTER MODEL " + pick.oneOf(FuzzTables.SCRATCH_MODELS) + " SET ALIAS staging = 1",
                  // Delta history (issue 16)
                  "DESCRIBE HISTORY " + scratchTable(),
                  "DESCRIBE HISTORY no_such_table"));
      case 8 ->
          cheap(
              pick.oneOf("DESCRIBE ", "DESCRIBE TABLE ")
                  + pick.oneOf(
                      "alltypes",
                      "iris",
                      "emp",
                      scratchTable(),
                      "no_such_table",
                      "default.emp",
                      "iris_rf"));
      case 9 ->
          cheap(
              "DESCRIBE MODEL "
                  + pick.oneOf(
                      "iris_rf",
                      "'iris_rf:1'",
                      "'iris_rf:2'",
                      "titanic",
                      "no_such_model",
                      "'iris_rf:x'",
                      "'iris_rf@champion'",
                      "'iris_rf@'",
                      "alltypes",
                      "''"));
      case 10, 11 -> cheap("EXPLAIN PLAN FOR " + queries.query());
      default ->
          cheap(
              pick.oneOf(
                  "SET predict.batch_size = "
                      + pick.oneOf("1", "7", "4096", "0", "-1", "99999999999", "'abc'"),
                  "RESET predict.batch_size",
                  "SET no_such_setting = 1",
                  "RESET ALL"));
    };
  }

  private static Ddl cheap(String sql) {
    return new Ddl(sql, false);
  }

  private String schema() {
    return pick.oneOf(FuzzTables.SCRATCH_SCHEMAS);
  }

  private String scratchTable() {
    String table = pick.oneOf(FuzzTables.SCRATCH_TABLES);
    return pick.chance(0.2) ? schema() + "." + table : table;
  }

  private Ddl externalTable() {
    String location =
        pick.oneOf(
            locations.irisCsv(),
            locations.irisCsv(),
            locations.scratchFolder(),
            "file:///etc/passwd",
            "not a uri",
            "",
            "file:///no/such/folder");
    String columns =
        pick.oneOf(
            "",
            "(idx INTEGER, sl DOUBLE, sw DOUBLE, pl DOUBLE, pw DOUBLE, species VARCHAR)",
            "(a INTEGER)",
            "(a INTEGER NOT NULL, a VARCHAR)");
    return cheap(
        "CREATE EXTERNAL TABLE "
            + (pick.chance(0.3) ? "IF NOT EXISTS " : "")
            + scratchTable()
            + " "
            + columns
            + " STORED AS "
            + pick.oneOf("CSV", "CSV", "PARQUET", "JSON", "AVRO")
            + " LOCATION '"
            + location
            + "'"
            + pick.oneOf(
                "",
                " OPTIONS (header 'true')",
                " OPTIONS ('escape' '\"')",
                " PARTITIONED BY (species)"));
  }

  private Ddl model() {
    String source =
        pick.oneOf(
            locations.irisModel(),
            locations.titanicModel(),
            locations.irisCsv(),
            "file:///no/such/model.onnx",
            "relative.onnx",
            "");
    String with =
        pick.oneOf(
            "",
            "",
            " WITH (batch_size = " + pick.oneOf("16", "0", "-5", "'x'") + ")",
            " WITH (description = 'fuzz')",
            " WITH (colour = 'red')");
    return new Ddl(
        pick.oneOf("CREATE MODEL ", "CREATE OR REPLACE MODEL ", "CREATE MODEL IF NOT EXISTS ")
            + pick.oneOf(FuzzTables.SCRATCH_MODELS)
            + " FROM '"
            + source
            + "'"
            + with,
        true);
  }
}
