package dev.scry.planner.parser;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.scry.planner.catalog.TableFormat;
import dev.scry.planner.operator.TableVersionOperator;
import dev.scry.planner.parser.ddl.ScryCreateExternalTable;
import dev.scry.planner.parser.ddl.ScryCreateModel;
import dev.scry.planner.parser.ddl.ScryCreateSchema;
import dev.scry.planner.parser.ddl.ScryCreateTable;
import dev.scry.planner.parser.ddl.ScryCreateTableAs;
import dev.scry.planner.parser.ddl.ScryDescribeHistory;
import dev.scry.planner.parser.ddl.ScryDescribeModel;
import dev.scry.planner.parser.ddl.ScryDropModel;
import dev.scry.planner.parser.ddl.ScryDropSchema;
import dev.scry.planner.parser.ddl.ScryDropTable;
import dev.scry.planner.parser.ddl.ScryExplainAnalyze;
import dev.scry.planner.parser.ddl.ScryInsertOverwrite;
import dev.scry.planner.parser.ddl.ScryShowModelDrift;
import dev.scry.planner.parser.ddl.ScryShowModels;
import dev.scry.planner.parser.ddl.ScryShowSchemas;
import dev.scry.planner.parser.ddl.ScryShowTables;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import org.apache.calcite.sql.SqlBasicCall;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlCreate;
import org.apache.calcite.sql.SqlDescribeTable;
import org.apache.calcite.sql.SqlDrop;
import org.apache.calcite.sql.SqlExplain;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlInsert;
import org.apache.calcite.sql.SqlJoin;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlLiteral;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlNodeList;
import org.apache.calcite.sql.SqlOrderBy;
import org.apache.calcite.sql.SqlSelect;
import org.apache.calcite.sql.SqlSetOption;
import org.apache.calcite.sql.SqlSnapshot;
import org.apache.calcite.sql.ddl.SqlColumnDeclaration;
import org.apache.calcite.sql.parser.SqlParseException;
import org.apache.calcite.sql.parser.SqlParserPos;
import org.apache.calcite.util.Litmus;
import org.junit.jupiter.api.Test;

class ScryParserTest {

  // ---- schemas -------------------------------------------------------------------------------

  @Test
  void createSchemaKeepsNameCaseAndPosition() throws SqlParseException {
    ScryCreateSchema create = parseAs(ScryCreateSchema.class, "CREATE SCHEMA Sales");
    assertEquals(List.of("Sales"), create.name().names);
    assertFalse(create.ifNotExists());
    assertEquals(SqlKind.CREATE_SCHEMA, create.getKind());
    assertPosition(create.name().getParserPosition(), 1, 15, 1, 19);
    assertPosition(create.getParserPosition(), 1, 1, 1, 19);
  }

  @Test
  void createSchemaIfNotExistsWithQualifiedName() throws SqlParseException {
    ScryCreateSchema create =
        parseAs(ScryCreateSchema.class, "create schema if not exists lake.\"Sales\"");
    assertEquals(List.of("lake", "Sales"), create.name().names);
    assertTrue(create.ifNotExists());
  }

  @Test
  void createOrReplaceSchemaIsRefused() {
    SqlParseException error =
        assertThrows(
            SqlParseException.class, () -> ScryParser.parse("CREATE OR REPLACE SCHEMA sales"));
    assertTrue(
        error.getMessage().contains("OR REPLACE is not allowed with CREATE SCHEMA"),
        error.getMessage());
    assertEquals(1, error.getPos().getLineNum());
  }

  @Test
  void dropSchema() throws SqlParseException {
    ScryDropSchema plain = parseAs(ScryDropSchema.class, "DROP SCHEMA sales");
    assertFalse(plain.ifExists());
    assertEquals(SqlKind.DROP_SCHEMA, plain.getKind());
    ScryDropSchema guarded = parseAs(ScryDropSchema.class, "DROP SCHEMA IF EXISTS sales");
    assertTrue(guarded.ifExists());
    assertEquals("sales", guarded.name().getSimple());
    assertPosition(guarded.name().getParserPosition(), 1, 23, 1, 27);
  }

  // ---- external tables -----------------------------------------------------------------------

  @Test
  void createExternalTableWithEveryClause() throws SqlParseException {
    String sql =
        """
        CREATE EXTERNAL TABLE sales.orders
          (id BIGINT NOT NULL, amount DECIMAL(12,2), order_date DATE, note VARCHAR(200),
           features DOUBLE ARRAY, ts TIMESTAMP(3))
          STORED AS PARQUET
          LOCATION 'abfss://data@contoso.dfs.core.windows.net/orders/'
          PARTITIONED BY (order_date)
          OPTIONS (header 'true', 'delimiter' ';')""";
    ScryCreateExternalTable create = parseAs(ScryCreateExternalTable.class, sql);
    assertEquals(List.of("sales", "orders"), create.name().names);
    assertPosition(create.name().getParserPosition(), 1, 23, 1, 34);
    assertFalse(create.ifNotExists());
    assertEquals(TableFormat.PARQUET, create.format());
    assertPosition(create.formatPosition(), 4, 13, 4, 19);
    assertEquals("abfss://data@contoso.dfs.core.windows.net/orders/", create.locationUri());
    assertEquals(List.of("order_date"), create.partitionColumnNames());
    assertEquals(Map.of("header", "true", "delimiter", ";"), create.optionMap());
    assertEquals(List.of("header", "delimiter"), List.copyOf(create.optionMap().keySet()));

    List<SqlColumnDeclaration> columns = columnsOf(create);
    assertEquals(6, columns.size());
    assertColumn(columns.get(0), "id", "BIGINT", false);
    assertColumn(columns.get(1), "amount", "DECIMAL(12, 2)", true);
    assertColumn(columns.get(2), "order_date", "DATE", true);
    assertColumn(columns.get(3), "note", "VARCHAR(200)", true);
    assertColumn(columns.get(4), "features", "DOUBLE ARRAY", true);
    assertColumn(columns.get(5), "ts", "TIMESTAMP(3)", true);
    assertPosition(columns.get(1).name.getParserPosition(), 2, 24, 2, 29);
  }

  @Test
  void externalTableUnparsesToScrySql() throws SqlParseException {
    SqlNode create =
        ScryParser.parse(
            "create external table if not exists Sales.Orders"
                + " (id bigint not null, amount decimal(12,2), f double array) stored as csv"
                + " location 'file:///x' partitioned by (d) options (header 'true', 'sep' ';')");
    assertEquals(
        "CREATE EXTERNAL TABLE IF NOT EXISTS \"Sales\".\"Orders\""
            + " (\"id\" BIGINT NOT NULL, \"amount\" DECIMAL(12, 2), \"f\" DOUBLE ARRAY)"
            + " STORED AS CSV LOCATION 'file:///x' PARTITIONED BY (\"d\")"
            + " OPTIONS (\"header\" 'true', 'sep' ';')",
        ScryParser.toSql(create));
  }

  @Test
  void createExternalTableInfersColumnsAndTakesClausesInAnyOrder() throws SqlParseException {
    ScryCreateExternalTable create =
        parseAs(
            ScryCreateExternalTable.class,
            "CREATE EXTERNAL TABLE IF NOT EXISTS iris STORED AS CSV OPTIONS (header 'true')"
                + " PARTITIONED BY (species, batch) LOCATION 'file:///data/iris/'");
    assertTrue(create.ifNotExists());
    assertTrue(create.columns().isEmpty());
    assertEquals(TableFormat.CSV, create.format());
    assertEquals("file:///data/iris/", create.locationUri());
    assertEquals(List.of("species", "batch"), create.partitionColumnNames());
    assertEquals(Map.of("header", "true"), create.optionMap());
  }

  @Test
  void createExternalJsonTableWithoutOptionalClauses() throws SqlParseException {
    ScryCreateExternalTable create =
        parseAs(
            ScryCreateExternalTable.class,
            "CREATE EXTERNAL TABLE events STORED AS JSON LOCATION 'file:///data/events'");
    assertEquals(TableFormat.JSON, create.format());
    assertTrue(create.partitionColumns().isEmpty());
    assertTrue(create.options().isEmpty());
  }

  @Test
  void createExternalTableNeedsLocation() {
    SqlParseException error =
        assertThrows(
            SqlParseException.class,
            () -> ScryParser.parse("CREATE EXTERNAL TABLE t STORED AS PARQUET"));
    assertTrue(
        error.getMessage().contains("CREATE EXTERNAL TABLE needs a LOCATION clause"),
        error.getMessage());
  }

  @Test
  void repeatedClauseIsRefusedWhereItIsRepeated() {
    SqlParseException error =
        assertThrows(
            SqlParseException.class,
            () ->
                ScryParser.parse(
                    "CREATE EXTERNAL TABLE t STORED AS CSV LOCATION 'a'\nLOCATION 'b'"));
    assertTrue(
        error.getMessage().contains("LOCATION is given more than once at line 2, column 1"),
        error.getMessage());
    assertPosition(error.getPos(), 2, 1, 2, 8);
  }

  @Test
  void repeatedOptionKeyIsRefused() {
    SqlParseException error =
        assertThrows(
            SqlParseException.class,
            () ->
                ScryParser.parse(
                    "CREATE EXTERNAL TABLE t STORED AS CSV LOCATION 'a' OPTIONS (header 'true', HEADER 'false')"));
    assertTrue(error.getMessage().contains("Duplicate key 'HEADER'"), error.getMessage());
    assertEquals(76, error.getPos().getColumnNum());
  }

  @Test
  void unknownFormatIsASyntaxError() {
    SqlParseException error =
        assertThrows(
            SqlParseException.class,
            () -> ScryParser.parse("CREATE EXTERNAL TABLE t STORED AS ORC LOCATION 'a'"));
    assertEquals(35, error.getPos().getColumnNum());
    assertTrue(error.getMessage().contains("PARQUET"), error.getMessage());
  }

  // ---- managed tables ------------------------------------------------------------------------

  @Test
  void createTableAsSelect() throws SqlParseException {
    ScryCreateTableAs create =
        parseAs(
            ScryCreateTableAs.class,
            "CREATE TABLE sales.scored AS SELECT id, amount * 2 AS doubled FROM sales.orders WHERE amount > 10");
    assertEquals(List.of("sales", "scored"), create.name().names);
    assertTrue(create.format().isEmpty());
    assertTrue(create.partitionColumns().isEmpty());
    assertTrue(create.options().isEmpty());
    SqlSelect query = assertInstanceOf(SqlSelect.class, create.query());
    assertEquals(List.of("sales", "orders"), ((SqlIdentifier) query.getFrom()).names);
  }

  @Test
  void createTableAsWithFormatPartitionsOptionsAndOrderedQuery() throws SqlParseException {
    ScryCreateTableAs create =
        parseAs(
            ScryCreateTableAs.class,
            "CREATE TABLE IF NOT EXISTS sales.daily OPTIONS (compression 'zstd') PARTITIONED BY (order_date)"
                + " STORED AS PARQUET AS"
                + " WITH d AS (SELECT order_date, SUM(amount) AS total FROM sales.orders GROUP BY order_date)"
                + " SELECT * FROM d ORDER BY order_date LIMIT 10");
    assertTrue(create.ifNotExists());
    assertEquals(TableFormat.PARQUET, create.format().orElseThrow());
    assertEquals(List.of("order_date"), create.partitionColumnNames());
    assertEquals(Map.of("compression", "zstd"), create.optionMap());
    assertInstanceOf(SqlOrderBy.class, create.query());
    assertEquals(SqlKind.CREATE_TABLE, create.getKind());
  }

  @Test
  void createTableTakesColumnsOrAQuery() throws SqlParseException {
    ScryCreateTable create =
        parseAs(
            ScryCreateTable.class,
            "CREATE TABLE IF NOT EXISTS s.t (id INT NOT NULL, p VARCHAR) STORED AS CSV"
                + " PARTITIONED BY (p)");
    assertEquals(List.of("s", "t"), create.name().names);
    assertTrue(create.ifNotExists());
    assertEquals(2, create.columns().size());
    assertEquals(List.of("p"), create.partitionColumnNames());
    assertThrows(SqlParseException.class, () -> ScryParser.parse("CREATE TABLE t"));
    assertThrows(
        SqlParseException.class, () -> ScryParser.parse("CREATE TABLE t (id INT) AS SELECT 1"));
  }

  @Test
  void insertOverwrite() throws SqlParseException {
    ScryInsertOverwrite whole =
        parseAs(ScryInsertOverwrite.class, "INSERT OVERWRITE t SELECT * FROM u");
    assertEquals(List.of("t"), whole.table().names);
    assertTrue(whole.partition().isEmpty());
    assertTrue(whole.columns().isEmpty());
    ScryInsertOverwrite partition =
        parseAs(
            ScryInsertOverwrite.class,
            "INSERT OVERWRITE TABLE s.t PARTITION (d = DATE '2024-01-01', r = 'eu') (b, a)"
                + " VALUES (1, 2)");
    assertEquals(List.of("d", "r"), partition.partition().stream().map(v -> v.keyName()).toList());
    assertEquals(2, partition.columns().size());
    assertThrows(
        SqlParseException.class,
        () -> ScryParser.parse("INSERT OVERWRITE t PARTITION (r = 'a', R = 'b') SELECT 1"));
  }

  @Test
  void dropTable() throws SqlParseException {
    ScryDropTable plain = parseAs(ScryDropTable.class, "DROP TABLE sales.scored");
    assertEquals(List.of("sales", "scored"), plain.name().names);
    assertFalse(plain.ifExists());
    assertEquals(SqlKind.DROP_TABLE, plain.getKind());
    assertTrue(parseAs(ScryDropTable.class, "DROP TABLE IF EXISTS scored").ifExists());
  }

  // ---- SHOW and DESCRIBE ---------------------------------------------------------------------

  @Test
  void showStatements() throws SqlParseException {
    parseAs(ScryShowSchemas.class, "SHOW SCHEMAS");
    parseAs(ScryShowModels.class, "show models");
    assertTrue(parseAs(ScryShowTables.class, "SHOW TABLES").schema().isEmpty());
    ScryShowTables inSchema = parseAs(ScryShowTables.class, "SHOW TABLES IN sales");
    assertEquals("sales", inSchema.schema().orElseThrow().getSimple());
    assertPosition(inSchema.schema().orElseThrow().getParserPosition(), 1, 16, 1, 20);
  }

  @Test
  void describeTableIsCalcitesOwnNode() throws SqlParseException {
    SqlDescribeTable bare = parseAs(SqlDescribeTable.class, "DESCRIBE sales.orders");
    assertEquals(List.of("sales", "orders"), bare.getTable().names);
    SqlDescribeTable withWord = parseAs(SqlDescribeTable.class, "DESCRIBE TABLE orders");
    assertEquals(List.of("orders"), withWord.getTable().names);
  }

  @Test
  void describeModelByIdentifierOrVersionedString() throws SqlParseException {
    ScryDescribeModel byName = parseAs(ScryDescribeModel.class, "DESCRIBE MODEL iris_rf");
    assertEquals("iris_rf", byName.modelName());
    assertInstanceOf(SqlIdentifier.class, byName.model());
    assertPosition(byName.model().getParserPosition(), 1, 16, 1, 22);
    ScryDescribeModel byVersion = parseAs(ScryDescribeModel.class, "DESCRIBE MODEL 'iris_rf:2'");
    assertEquals("iris_rf:2", byVersion.modelName());
    assertInstanceOf(SqlLiteral.class, byVersion.model());
  }

  // ---- models --------------------------------------------------------------------------------

  @Test
  void createModelFromUri() throws SqlParseException {
    ScryCreateModel create =
        parseAs(
            ScryCreateModel.class,
            "CREATE MODEL iris_rf FROM 'abfss://models@contoso.dfs.core.windows.net/iris/rf.onnx'");
    assertEquals("iris_rf", create.name().getSimple());
    assertEquals("abfss://models@contoso.dfs.core.windows.net/iris/rf.onnx", create.sourceUri());
    assertFalse(create.replace());
    assertFalse(create.ifNotExists());
    assertTrue(create.properties().isEmpty());
    assertEquals(SqlKind.OTHER_DDL, create.getKind());
  }

  @Test
  void createModelWithProperties() throws SqlParseException {
    ScryCreateModel create =
        parseAs(
            ScryCreateModel.class,
            "CREATE MODEL IF NOT EXISTS churn FROM 'file:///models/churn/'\n"
                + "  WITH (batch_size = 4096, description = 'churn v2', threshold = 0.5, warm = TRUE)");
    assertTrue(create.ifNotExists());
    Map<String, SqlLiteral> properties = create.propertyMap();
    assertEquals(
        List.of("batch_size", "description", "threshold", "warm"),
        List.copyOf(properties.keySet()));
    assertEquals(4096, properties.get("batch_size").intValue(true));
    assertEquals("churn v2", properties.get("description").getValueAs(String.class));
    assertEquals(new BigDecimal("0.5"), properties.get("threshold").getValueAs(BigDecimal.class));
    assertEquals(Boolean.TRUE, properties.get("warm").getValueAs(Boolean.class));
    assertPosition(properties.get("description").getParserPosition(), 2, 42, 2, 51);
  }

  @Test
  void createOrReplaceModel() throws SqlParseException {
    ScryCreateModel create =
        parseAs(ScryCreateModel.class, "CREATE OR REPLACE MODEL iris_rf FROM 'file:///m.onnx'");
    assertTrue(create.replace());
    assertFalse(create.ifNotExists());
  }

  @Test
  void createOrReplaceModelIfNotExistsIsContradictory() {
    SqlParseException error =
        assertThrows(
            SqlParseException.class,
            () -> ScryParser.parse("CREATE OR REPLACE MODEL IF NOT EXISTS m FROM 'x'"));
    assertTrue(error.getMessage().contains("OR REPLACE and IF NOT EXISTS"), error.getMessage());
  }

  @Test
  void dropModel() throws SqlParseException {
    ScryDropModel drop = parseAs(ScryDropModel.class, "DROP MODEL IF EXISTS iris_rf");
    assertTrue(drop.ifExists());
    assertEquals("iris_rf", drop.name().getSimple());
    assertFalse(parseAs(ScryDropModel.class, "DROP MODEL iris_rf").ifExists());
  }

  // ---- what Calcite already parsed keeps parsing ---------------------------------------------

  @Test
  void setOptionIsCalcitesSetOption() throws SqlParseException {
    SqlSetOption set = parseAs(SqlSetOption.class, "SET predict.batch_size = 8");
    assertEquals(List.of("predict", "batch_size"), set.getName().names);
    assertEquals(8, ((SqlLiteral) set.getValue()).intValue(true));
  }

  @Test
  void standardQueriesStillParse() throws SqlParseException {
    parseAs(
        SqlOrderBy.class,
        "SELECT o.id, c.name, SUM(o.amount) OVER (PARTITION BY c.name ORDER BY o.order_date) AS running_total"
            + " FROM sales.orders AS o JOIN sales.customers AS c ON o.customer_id = c.id"
            + " WHERE o.amount BETWEEN 1 AND 100 AND c.name LIKE 'A%'"
            + " ORDER BY running_total DESC LIMIT 5 OFFSET 2");
    parseAs(SqlBasicCall.class, "SELECT 1 UNION ALL SELECT 2");
    parseAs(SqlInsert.class, "INSERT INTO sales.scored SELECT * FROM sales.orders");
    parseAs(SqlExplain.class, "EXPLAIN PLAN FOR SELECT * FROM sales.orders");
  }

  /** Issue 17: EXPLAIN ANALYZE takes a query; ANALYZE stays usable as a name. */
  @Test
  void explainAnalyzeTakesAQuery() throws SqlParseException {
    ScryExplainAnalyze explain =
        parseAs(
            ScryExplainAnalyze.class,
            "EXPLAIN ANALYZE SELECT analyze FROM sales.orders AS analyze WHERE id > 2");
    assertInstanceOf(SqlSelect.class, explain.query());
    parseAs(SqlExplain.class, "EXPLAIN PLAN FOR SELECT 1");
  }

  /** Issue 17: SHOW MODEL DRIFT takes a name or a version string; DRIFT stays usable as a name. */
  @Test
  void showModelDriftTakesANameOrAVersion() throws SqlParseException {
    assertEquals("churn", parseAs(ScryShowModelDrift.class, "SHOW MODEL DRIFT churn").modelName());
    assertEquals(
        "churn:2", parseAs(ScryShowModelDrift.class, "SHOW MODEL DRIFT 'churn:2'").modelName());
    parseAs(SqlSelect.class, "SELECT drift FROM drift");
  }

  @Test
  void aTableNamedModelIsDescribedWithTheTableWord() throws SqlParseException {
    SqlDescribeTable describe = parseAs(SqlDescribeTable.class, "DESCRIBE TABLE model");
    assertEquals(List.of("model"), describe.getTable().names);
  }

  @Test
  void newWordsStayUsableAsNames() throws SqlParseException {
    SqlSelect select =
        parseAs(
            SqlSelect.class,
            "SELECT model, location, tables, schemas, models, stored, partitioned, parquet, csv, \"if\""
                + " FROM \"external\".models AS stored");
    assertEquals(10, select.getSelectList().size());
    assertEquals("location", ((SqlIdentifier) select.getSelectList().get(1)).getSimple());
  }

  @Test
  void predictTableFunctionOverATable() throws SqlParseException {
    SqlSelect select =
        parseAs(SqlSelect.class, "SELECT * FROM PREDICT(MODEL => 'iris_rf', DATA => TABLE iris)");
    SqlCall predict = predictCall(select);
    assertEquals(SqlKind.ARGUMENT_ASSIGNMENT, predict.operand(0).getKind());
    assertEquals("MODEL", argumentName(predict, 0));
    assertEquals("DATA", argumentName(predict, 1));
    SqlNode data = ((SqlCall) predict.operand(1)).operand(0);
    assertEquals(SqlKind.EXPLICIT_TABLE, data.getKind());
  }

  @Test
  void predictInsideExplicitTableCall() throws SqlParseException {
    SqlSelect select =
        parseAs(
            SqlSelect.class,
            "SELECT p.* FROM TABLE(PREDICT(MODEL => 'iris_rf', DATA => TABLE iris)) AS p");
    SqlCall alias = (SqlCall) select.getFrom();
    assertEquals(SqlKind.AS, alias.getKind());
    assertEquals(SqlKind.COLLECTION_TABLE, alias.operand(0).getKind());
  }

  @Test
  void predictTableFunctionOverASubQuery() throws SqlParseException {
    SqlSelect select =
        parseAs(
            SqlSelect.class,
            "SELECT * FROM PREDICT(MODEL => 'iris_rf',\n"
                + "  DATA => (SELECT id, ARRAY[sepal_length, sepal_width, petal_length, petal_width] AS float_input"
                + " FROM iris))");
    SqlCall predict = predictCall(select);
    SqlNode data = ((SqlCall) predict.operand(1)).operand(0);
    assertInstanceOf(SqlSelect.class, data);
  }

  // ---- the T-SQL PREDICT (a FROM item added to Calcite's TableRef3 at build time) ------------

  @Test
  void tsqlPredictWithIdentifierModelTableDataRuntimeAndWith() throws SqlParseException {
    SqlSelect select =
        parseAs(
            SqlSelect.class,
            "SELECT d.*, p.label\n"
                + "FROM PREDICT(MODEL = iris_rf, DATA = iris AS d, RUNTIME = ONNX)\n"
                + "  WITH (label BIGINT, p_setosa DOUBLE 'output_probability_0') AS p");
    SqlCall alias = (SqlCall) select.getFrom();
    assertEquals(SqlKind.AS, alias.getKind());
    assertEquals("p", ((SqlIdentifier) alias.operand(1)).getSimple());
    ScryTsqlPredict predict = assertInstanceOf(ScryTsqlPredict.class, alias.operand(0));
    assertEquals("iris_rf", predict.modelReference());
    assertEquals("iris", predict.data().toString());
    assertEquals("d", predict.dataAlias().getSimple());
    assertPosition(predict.getParserPosition(), 2, 6, 3, 61);
    List<ScryPredictWithColumn> columns =
        predict.withColumns().stream().map(ScryPredictWithColumn.class::cast).toList();
    assertEquals(
        List.of("label", "output_probability_0"),
        columns.stream().map(ScryPredictWithColumn::sourceColumn).toList());
    assertEquals("p_setosa", columns.get(1).name().getSimple());
    assertPosition(columns.get(1).getParserPosition(), 3, 23, 3, 60);
  }

  @Test
  void tsqlPredictWithVersionedModelSubQueryAndNoWith() throws SqlParseException {
    SqlSelect select =
        parseAs(
            SqlSelect.class,
            "SELECT * FROM PREDICT(MODEL = 'iris_rf:2',"
                + " DATA = (SELECT id, ARRAY[a, b] AS float_input FROM iris) d) AS p JOIN other o ON o.id = d.id");
    SqlJoin join = assertInstanceOf(SqlJoin.class, select.getFrom());
    ScryTsqlPredict predict =
        assertInstanceOf(ScryTsqlPredict.class, ((SqlCall) join.getLeft()).operand(0));
    assertEquals("iris_rf:2", predict.modelReference());
    assertInstanceOf(SqlSelect.class, predict.data());
    assertEquals(null, predict.withColumns());
  }

  @Test
  void tableFunctionFormIsNotTakenForTheTsqlForm() throws SqlParseException {
    SqlSelect select =
        parseAs(
            SqlSelect.class, "SELECT * FROM PREDICT(MODEL => 'iris_rf', DATA => TABLE iris) AS p");
    assertEquals(SqlKind.COLLECTION_TABLE, ((SqlCall) select.getFrom()).operand(0).getKind());
  }

  @Test
  void tsqlPredictErrorsCarryPositions() {
    SqlParseException runtime =
        assertThrows(
            SqlParseException.class,
            () ->
                ScryParser.parse(
                    "SELECT * FROM PREDICT(MODEL = m, DATA = t AS d,\n  RUNTIME = TENSORFLOW) AS p"));
    assertTrue(runtime.getMessage().contains("Expected ONNX"), runtime.getMessage());
    assertTrue(runtime.getMessage().contains("line 2, column 13"), runtime.getMessage());

    SqlParseException key =
        assertThrows(
            SqlParseException.class,
            () ->
                ScryParser.parse(
                    "SELECT * FROM PREDICT(MODEL = m, DATA = t AS d, ENGINE = ONNX) AS p"));
    assertTrue(key.getMessage().contains("Expected RUNTIME"), key.getMessage());
    assertTrue(key.getMessage().contains("line 1, column 49"), key.getMessage());

    SqlParseException noAlias =
        assertThrows(
            SqlParseException.class,
            () -> ScryParser.parse("SELECT * FROM PREDICT(MODEL = m, DATA = t) AS p"));
    assertTrue(noAlias.getMessage().contains("line 1, column 42"), noAlias.getMessage());

    SqlParseException withType =
        assertThrows(
            SqlParseException.class,
            () ->
                ScryParser.parse(
                    "SELECT * FROM PREDICT(MODEL = m, DATA = t AS d)\nWITH (label) AS p"));
    assertTrue(withType.getMessage().contains("line 2, column 12"), withType.getMessage());
  }

  // ---- errors and statement lists ------------------------------------------------------------

  @Test
  void syntaxErrorCarriesLineAndColumn() {
    SqlParseException error =
        assertThrows(
            SqlParseException.class,
            () -> ScryParser.parse("SELECT id, label\nFROM iris WHERE WHERE"));
    assertEquals(2, error.getPos().getLineNum());
    assertEquals(17, error.getPos().getColumnNum());
    assertTrue(error.getMessage().contains("line 2, column 17"), error.getMessage());
  }

  @Test
  void syntaxErrorInsideScryStatementCarriesLineAndColumn() {
    SqlParseException error =
        assertThrows(
            SqlParseException.class, () -> ScryParser.parse("CREATE MODEL churn\nFROM churn_uri"));
    assertEquals(2, error.getPos().getLineNum());
    assertEquals(6, error.getPos().getColumnNum());
    assertTrue(error.getMessage().contains("line 2, column 6"), error.getMessage());
  }

  @Test
  void identifiersUpTo256Characters() throws SqlParseException {
    String longest = "t".repeat(ScryParser.IDENTIFIER_MAX_LENGTH);
    parseAs(ScryDropTable.class, "DROP TABLE " + longest);
    assertThrows(SqlParseException.class, () -> ScryParser.parse("DROP TABLE " + longest + "x"));
  }

  @Test
  void statementListMixesScryAndStandardStatements() throws SqlParseException {
    SqlNodeList statements =
        ScryParser.parseStatements(
            "CREATE SCHEMA sales;\nSHOW TABLES IN sales;\nSELECT 1;\nDESCRIBE MODEL iris_rf");
    assertEquals(4, statements.size());
    assertInstanceOf(ScryCreateSchema.class, statements.get(0));
    assertInstanceOf(ScryShowTables.class, statements.get(1));
    assertInstanceOf(SqlSelect.class, statements.get(2));
    assertInstanceOf(ScryDescribeModel.class, statements.get(3));
    assertEquals(2, statements.get(1).getParserPosition().getLineNum());
  }

  // ---- helpers -------------------------------------------------------------------------------

  /** Parses, checks the class, and checks that the unparsed SQL parses back to the same tree. */
  // Delta Lake tables and time travel: a block of their own.
  @Test
  void storedAsDelta() throws SqlParseException {
    ScryCreateExternalTable create =
        parseAs(
            ScryCreateExternalTable.class,
            "CREATE EXTERNAL TABLE events STORED AS DELTA LOCATION 'file:///lake/events'");
    assertEquals(TableFormat.DELTA, create.format());
  }

  @Test
  void forVersionAsOfBecomesCalcitesSnapshot() throws SqlParseException {
    SqlSelect select = parseAs(SqlSelect.class, "SELECT id FROM events FOR VERSION AS OF 3");
    SqlSnapshot snapshot = assertInstanceOf(SqlSnapshot.class, select.getFrom());
    SqlCall period = assertInstanceOf(SqlCall.class, snapshot.getPeriod());
    assertEquals(TableVersionOperator.INSTANCE, period.getOperator());
    assertEquals(
        BigDecimal.valueOf(3), ((SqlLiteral) period.operand(0)).getValueAs(BigDecimal.class));
    SqlSelect timed =
        parseAs(
            SqlSelect.class,
            "SELECT id FROM events FOR SYSTEM_TIME AS OF TIMESTAMP '2026-01-01 00:00:00' AS e");
    SqlCall alias = assertInstanceOf(SqlCall.class, timed.getFrom());
    assertInstanceOf(SqlSnapshot.class, alias.operand(0));
    assertThrows(
        SqlParseException.class,
        () -> ScryParser.parse("SELECT id FROM events FOR VERSION AS OF 'x'"));
  }

  // end of Delta Lake tables

  // Delta writes and history (issue 16): a block of its own.

  @Test
  void createTableAsTakesALocationForDelta() throws SqlParseException {
    ScryCreateTableAs create =
        parseAs(
            ScryCreateTableAs.class,
            "CREATE TABLE sales.daily STORED AS DELTA LOCATION 'abfss://c@a.dfs.core.windows.net/d'"
                + " PARTITIONED BY (order_date) AS SELECT order_date, amount FROM sales.orders");
    assertEquals(TableFormat.DELTA, create.format().orElseThrow());
    assertEquals("abfss://c@a.dfs.core.windows.net/d", create.locationUri().orElseThrow());
    assertEquals(List.of("order_date"), create.partitionColumnNames());
    assertTrue(
        parseAs(ScryCreateTableAs.class, "CREATE TABLE t AS SELECT 1 AS x")
            .locationUri()
            .isEmpty());
    SqlParseException twice =
        assertThrows(
            SqlParseException.class,
            () -> ScryParser.parse("CREATE TABLE t LOCATION 'a' LOCATION 'b' AS SELECT 1 AS x"));
    assertTrue(twice.getMessage().contains("LOCATION"), twice.getMessage());
    SqlParseException columns =
        assertThrows(
            SqlParseException.class,
            () -> ScryParser.parse("CREATE TABLE t (x INT) STORED AS DELTA LOCATION 'a'"));
    assertTrue(columns.getMessage().contains("CREATE EXTERNAL TABLE"), columns.getMessage());
  }

  @Test
  void describeHistoryNamesATable() throws SqlParseException {
    ScryDescribeHistory describe =
        parseAs(ScryDescribeHistory.class, "DESCRIBE HISTORY sales.events");
    assertEquals(List.of("sales", "events"), describe.table().names);
    // History stays a usable name: a column, and a table described with DESCRIBE TABLE.
    parseAs(SqlSelect.class, "SELECT history FROM history");
    assertInstanceOf(SqlDescribeTable.class, ScryParser.parse("DESCRIBE TABLE history"));
  }

  // end of Delta writes and history

  private static <T extends SqlNode> T parseAs(Class<T> type, String sql) throws SqlParseException {
    SqlNode node = ScryParser.parse(sql);
    assertInstanceOf(type, node, () -> "parsed " + sql);
    String unparsed = unparse(node);
    SqlNode again = ScryParser.parse(unparsed);
    assertEquals(node.getClass(), again.getClass(), unparsed);
    assertTrue(
        node.equalsDeep(again, Litmus.IGNORE),
        () -> "not the same tree after unparse: " + unparsed);
    assertEquals(unparsed, unparse(again));
    // Flags (IF NOT EXISTS, OR REPLACE, IF EXISTS) are not operands, so equalsDeep does not see
    // them.
    if (node instanceof SqlCreate create) {
      assertEquals(create.ifNotExists, ((SqlCreate) again).ifNotExists, unparsed);
      assertEquals(create.getReplace(), ((SqlCreate) again).getReplace(), unparsed);
    }
    if (node instanceof SqlDrop drop) {
      assertEquals(drop.ifExists, ((SqlDrop) again).ifExists, unparsed);
    }
    return type.cast(node);
  }

  private static String unparse(SqlNode node) {
    return ScryParser.toSql(node);
  }

  private static void assertPosition(
      SqlParserPos pos, int line, int column, int endLine, int endColumn) {
    assertEquals(
        List.of(line, column, endLine, endColumn),
        List.of(pos.getLineNum(), pos.getColumnNum(), pos.getEndLineNum(), pos.getEndColumnNum()),
        "position " + pos);
  }

  private static List<SqlColumnDeclaration> columnsOf(ScryCreateExternalTable create) {
    return create.columns().stream().map(SqlColumnDeclaration.class::cast).toList();
  }

  private static void assertColumn(
      SqlColumnDeclaration column, String name, String type, boolean nullable) {
    assertEquals(name, column.name.getSimple());
    assertEquals(type, typeText(column));
    assertEquals(nullable, column.dataType.getNullable());
  }

  private static String typeText(SqlColumnDeclaration column) {
    return ScryParser.toSql(column.dataType);
  }

  /** FROM PREDICT(...) parses as TABLE(PREDICT(...)): the collection-table call around the function. */
  private static SqlCall predictCall(SqlSelect select) {
    SqlCall table = (SqlCall) select.getFrom();
    assertEquals(SqlKind.COLLECTION_TABLE, table.getKind());
    SqlCall predict = table.operand(0);
    assertEquals("PREDICT", predict.getOperator().getName());
    assertEquals(2, predict.operandCount());
    return predict;
  }

  private static String argumentName(SqlCall predict, int i) {
    SqlCall assignment = predict.operand(i);
    return ((SqlIdentifier) assignment.operand(1)).getSimple();
  }
}
