<#--
  Scry's statements, included into Calcite's Parser.jj by FMPP (see ../config.fmpp).
  The nodes they build live in dev.scry.planner.parser.ddl; errors that the grammar alone cannot
  express (a clause given twice, a missing LOCATION) go through ScryGrammarErrors so that they carry
  a position like any other parse error.
-->

/** IF NOT EXISTS, or nothing. Two words of look-ahead keep a table named "if" usable. */
boolean ScryIfNotExists() :
{
}
{
    LOOKAHEAD(2) <IF> <NOT> <EXISTS> { return true; }
|
    { return false; }
}

/** IF EXISTS, or nothing. */
boolean ScryIfExists() :
{
}
{
    LOOKAHEAD(2) <IF> <EXISTS> { return true; }
|
    { return false; }
}

/**
 * One single-quoted string, as a character literal. Calcite's StringLiteral() would join adjacent
 * strings ('a' 'b' is 'ab'), which would swallow the value of an option such as 'sep' ';'.
 */
SqlLiteral ScryPlainString() :
{
    final String value;
}
{
    value = SimpleStringLiteral()
    {
        return SqlLiteral.createCharString(value, getPos());
    }
}

/** PARQUET | CSV | JSON | DELTA, as a symbol literal that keeps its position. */
SqlLiteral ScryTableFormat() :
{
    final TableFormat format;
}
{
    (
        <PARQUET> { format = TableFormat.PARQUET; }
    |
        <CSV> { format = TableFormat.CSV; }
    |
        <JSON> { format = TableFormat.JSON; }
    |
        // Delta Lake tables: a block of its own.
        <DELTA> { format = TableFormat.DELTA; }
    )
    {
        return SqlLiteral.createSymbol(format, getPos());
    }
}

/** One column of an external table: name, any Calcite data type, optional NULL / NOT NULL. */
SqlNode ScryColumn() :
{
    final SqlIdentifier name;
    SqlDataTypeSpec type;
    boolean nullable = true;
}
{
    name = SimpleIdentifier()
    type = DataType()
    [
        <NULL>
    |
        <NOT> <NULL> { nullable = false; }
    ]
    {
        return SqlDdlNodes.column(Span.of(name).end(this), name,
            type.withNullable(nullable),
            null,
            nullable ? ColumnStrategy.NULLABLE : ColumnStrategy.NOT_NULLABLE);
    }
}

/** ( column, ... ) */
SqlNodeList ScryColumnList() :
{
    final Span s;
    final List<SqlNode> columns = new ArrayList<SqlNode>();
    SqlNode column;
}
{
    <LPAREN> { s = span(); }
    column = ScryColumn() { columns.add(column); }
    (
        <COMMA> column = ScryColumn() { columns.add(column); }
    )*
    <RPAREN>
    {
        return new SqlNodeList(columns, s.end(this));
    }
}

/** One storage option: key (identifier or string) followed by a string value, as in header 'true'. */
SqlNode ScryTableOption() :
{
    final SqlNode key;
    final SqlLiteral value;
}
{
    (
        key = SimpleIdentifier()
    |
        key = ScryPlainString()
    )
    value = ScryPlainString()
    {
        return new ScryTableOption(Span.of(key).end(this), key, value);
    }
}

/** OPTIONS ( key 'value', ... ); a key given twice is an error. */
SqlNodeList ScryTableOptions() :
{
    final Span s;
    final List<SqlNode> tableOptions = new ArrayList<SqlNode>();
    SqlNode option;
}
{
    <OPTIONS> { s = span(); }
    <LPAREN>
    option = ScryTableOption() { tableOptions.add(option); }
    (
        <COMMA> option = ScryTableOption() { tableOptions.add(option); }
    )*
    <RPAREN>
    {
        ScryGrammarErrors.checkDistinctKeys(tableOptions);
        return new SqlNodeList(tableOptions, s.end(this));
    }
}

/** One model property: key = literal, as in batch_size = 4096. */
SqlNode ScryModelProperty() :
{
    final SqlIdentifier key;
    final SqlNode value;
}
{
    key = SimpleIdentifier()
    <EQ>
    value = Literal()
    {
        return new ScryModelProperty(Span.of(key).end(this), key, (SqlLiteral) value);
    }
}

/** WITH ( key = literal, ... ); a key given twice is an error. */
SqlNodeList ScryModelProperties() :
{
    final Span s;
    final List<SqlNode> properties = new ArrayList<SqlNode>();
    SqlNode property;
}
{
    <WITH> { s = span(); }
    <LPAREN>
    property = ScryModelProperty() { properties.add(property); }
    (
        <COMMA> property = ScryModelProperty() { properties.add(property); }
    )*
    <RPAREN>
    {
        ScryGrammarErrors.checkDistinctKeys(properties);
        return new SqlNodeList(properties, s.end(this));
    }
}

/** CREATE SCHEMA [IF NOT EXISTS] name */
SqlCreate ScryCreateSchema(Span s, boolean replace) :
{
    final boolean ifNotExists;
    final SqlIdentifier name;
}
{
    <SCHEMA>
    {
        ScryGrammarErrors.rejectOrReplace(replace, "CREATE SCHEMA", s.end(this));
    }
    ifNotExists = ScryIfNotExists()
    name = CompoundIdentifier()
    {
        return new ScryCreateSchema(s.end(this), ifNotExists, name);
    }
}

/**
 * CREATE EXTERNAL TABLE [IF NOT EXISTS] name [(columns)] STORED AS format, then LOCATION 'uri',
 * PARTITIONED BY (columns) and OPTIONS (...) in any order, each at most once; LOCATION is required.
 */
SqlCreate ScryCreateExternalTable(Span s, boolean replace) :
{
    final boolean ifNotExists;
    final SqlIdentifier name;
    SqlNodeList columns = SqlNodeList.EMPTY;
    final SqlLiteral format;
    SqlNode location = null;
    SqlNodeList partitionColumns = null;
    SqlNodeList tableOptions = null;
    SqlParserPos clausePos;
    SqlNode clauseValue;
    SqlNodeList clauseList;
}
{
    <EXTERNAL>
    {
        ScryGrammarErrors.rejectOrReplace(replace, "CREATE EXTERNAL TABLE", s.end(this));
    }
    <TABLE>
    ifNotExists = ScryIfNotExists()
    name = CompoundIdentifier()
    [ columns = ScryColumnList() ]
    <STORED> <AS> format = ScryTableFormat()
    (
        <LOCATION> { clausePos = getPos(); }
        clauseValue = ScryPlainString()
        { location = ScryGrammarErrors.once(location, clauseValue, "LOCATION", clausePos); }
    |
        <PARTITIONED> { clausePos = getPos(); }
        <BY> clauseList = ParenthesizedSimpleIdentifierList()
        {
            partitionColumns = ScryGrammarErrors.once(partitionColumns, clauseList,
                "PARTITIONED BY", clausePos);
        }
    |
        clauseList = ScryTableOptions()
        { tableOptions = ScryGrammarErrors.once(tableOptions, clauseList, "OPTIONS", clauseList.getParserPosition()); }
    )*
    {
        ScryGrammarErrors.require(location, "LOCATION", "CREATE EXTERNAL TABLE", s.end(this));
        return new ScryCreateExternalTable(s.end(this), ifNotExists, name, columns, format,
            (SqlLiteral) location,
            partitionColumns == null ? SqlNodeList.EMPTY : partitionColumns,
            tableOptions == null ? SqlNodeList.EMPTY : tableOptions);
    }
}

/**
 * CREATE TABLE [IF NOT EXISTS] name [STORED AS format] [PARTITIONED BY (columns)] [OPTIONS (...)]
 * [LOCATION 'uri'] AS query; the clauses may come in any order, each at most once. With a column list
 * in place of AS query, CREATE TABLE name (column type, ...) [clauses] makes an empty managed table.
 * LOCATION (a Delta table written elsewhere than the warehouse) goes with AS query only.
 */
SqlCreate ScryCreateTableAs(Span s, boolean replace) :
{
    final boolean ifNotExists;
    final SqlIdentifier name;
    SqlLiteral format = null;
    SqlNodeList partitionColumns = null;
    SqlNodeList tableOptions = null;
    SqlNode location = null;
    SqlNodeList columns = null;
    SqlNode query = null;
    SqlParserPos clausePos;
    SqlLiteral clauseFormat;
    SqlNodeList clauseList;
    SqlNode clauseValue;
}
{
    <TABLE>
    {
        ScryGrammarErrors.rejectOrReplace(replace, "CREATE TABLE", s.end(this));
    }
    ifNotExists = ScryIfNotExists()
    name = CompoundIdentifier()
    [ columns = ScryColumnList() ]
    (
        <STORED> { clausePos = getPos(); }
        <AS> clauseFormat = ScryTableFormat()
        { format = ScryGrammarErrors.once(format, clauseFormat, "STORED AS", clausePos); }
    |
        <PARTITIONED> { clausePos = getPos(); }
        <BY> clauseList = ParenthesizedSimpleIdentifierList()
        {
            partitionColumns = ScryGrammarErrors.once(partitionColumns, clauseList,
                "PARTITIONED BY", clausePos);
        }
    |
        clauseList = ScryTableOptions()
        { tableOptions = ScryGrammarErrors.once(tableOptions, clauseList, "OPTIONS", clauseList.getParserPosition()); }
    |
        <LOCATION> { clausePos = getPos(); }
        clauseValue = ScryPlainString()
        { location = ScryGrammarErrors.once(location, clauseValue, "LOCATION", clausePos); }
    )*
    [
        <AS>
        query = OrderedQueryOrExpr(ExprContext.ACCEPT_QUERY)
    ]
    {
        ScryGrammarErrors.requireColumnsOrQuery(columns, query, s.end(this));
        ScryGrammarErrors.requireQueryForLocation(location, query, s.end(this));
        if (query == null) {
            return new ScryCreateTable(s.end(this), ifNotExists, name, columns, format,
                partitionColumns == null ? SqlNodeList.EMPTY : partitionColumns,
                tableOptions == null ? SqlNodeList.EMPTY : tableOptions);
        }
        return new ScryCreateTableAs(s.end(this), ifNotExists, name, format,
            partitionColumns == null ? SqlNodeList.EMPTY : partitionColumns,
            tableOptions == null ? SqlNodeList.EMPTY : tableOptions,
            (SqlLiteral) location,
            query);
    }
}

/** CREATE [OR REPLACE] VIEW name [(column, ...)] AS query */
SqlCreate ScryCreateView(Span s, boolean replace) :
{
    final SqlIdentifier name;
    SqlNodeList columns = SqlNodeList.EMPTY;
    final SqlNode query;
}
{
    <VIEW>
    name = CompoundIdentifier()
    [ columns = ParenthesizedSimpleIdentifierList() ]
    <AS>
    query = OrderedQueryOrExpr(ExprContext.ACCEPT_QUERY)
    {
        return new ScryCreateView(s.end(this), replace, name, columns, query);
    }
}

/** PARTITION ( column = literal, ... ); a column given twice is an error. */
SqlNodeList ScryPartitionValues() :
{
    final Span s;
    final List<SqlNode> values = new ArrayList<SqlNode>();
    SqlIdentifier column;
    SqlNode value;
}
{
    <PARTITION> { s = span(); }
    <LPAREN>
    column = SimpleIdentifier() <EQ> value = Literal()
    { values.add(new ScryPartitionValue(Span.of(column).end(this), column, (SqlLiteral) value)); }
    (
        <COMMA>
        column = SimpleIdentifier() <EQ> value = Literal()
        { values.add(new ScryPartitionValue(Span.of(column).end(this), column, (SqlLiteral) value)); }
    )*
    <RPAREN>
    {
        ScryGrammarErrors.checkDistinctKeys(values);
        return new SqlNodeList(values, s.end(this));
    }
}

/**
 * INSERT OVERWRITE [TABLE] name [PARTITION (column = literal, ...)] [(column, ...)] query, as Spark
 * writes it. Two words of look-ahead leave INSERT INTO to Calcite's own production.
 */
SqlNode ScryInsertOverwrite() :
{
    final Span s;
    final SqlIdentifier table;
    SqlNodeList partition = SqlNodeList.EMPTY;
    SqlNodeList columns = SqlNodeList.EMPTY;
    final SqlNode source;
}
{
    <INSERT> { s = span(); } <OVERWRITE>
    [ <TABLE> ]
    table = CompoundIdentifier()
    [ partition = ScryPartitionValues() ]
    [
        LOOKAHEAD(2)
        columns = ParenthesizedSimpleIdentifierList()
    ]
    source = OrderedQueryOrExpr(ExprContext.ACCEPT_QUERY)
    {
        return new ScryInsertOverwrite(s.end(this), table, partition, columns, source);
    }
}

/** CREATE [OR REPLACE] MODEL [IF NOT EXISTS] name FROM 'uri' [WITH (key = literal, ...)] */
SqlCreate ScryCreateModel(Span s, boolean replace) :
{
    final boolean ifNotExists;
    final SqlIdentifier name;
    final SqlNode source;
    SqlNodeList properties = SqlNodeList.EMPTY;
}
{
    <MODEL>
    ifNotExists = ScryIfNotExists()
    {
        ScryGrammarErrors.rejectReplaceWithIfNotExists(replace, ifNotExists, s.end(this));
    }
    name = SimpleIdentifier()
    <FROM>
    source = ScryPlainString()
    [ properties = ScryModelProperties() ]
    {
        return new ScryCreateModel(s.end(this), replace, ifNotExists, name, (SqlLiteral) source,
            properties);
    }
}

/** DROP SCHEMA [IF EXISTS] name */
SqlDrop ScryDropSchema(Span s, boolean replace) :
{
    final boolean ifExists;
    final SqlIdentifier name;
}
{
    <SCHEMA> ifExists = ScryIfExists() name = CompoundIdentifier()
    {
        return new ScryDropSchema(s.end(this), ifExists, name);
    }
}

/** DROP TABLE [IF EXISTS] name */
SqlDrop ScryDropTable(Span s, boolean replace) :
{
    final boolean ifExists;
    final SqlIdentifier name;
}
{
    <TABLE> ifExists = ScryIfExists() name = CompoundIdentifier()
    {
        return new ScryDropTable(s.end(this), ifExists, name);
    }
}

/** DROP VIEW [IF EXISTS] name */
SqlDrop ScryDropView(Span s, boolean replace) :
{
    final boolean ifExists;
    final SqlIdentifier name;
}
{
    <VIEW> ifExists = ScryIfExists() name = CompoundIdentifier()
    {
        return new ScryDropView(s.end(this), ifExists, name);
    }
}

/** DROP MODEL [IF EXISTS] name */
SqlDrop ScryDropModel(Span s, boolean replace) :
{
    final boolean ifExists;
    final SqlIdentifier name;
}
{
    <MODEL> ifExists = ScryIfExists() name = SimpleIdentifier()
    {
        return new ScryDropModel(s.end(this), ifExists, name);
    }
}

/** SHOW SCHEMAS */
SqlNode ScryShowSchemas() :
{
    final Span s;
}
{
    <SHOW> { s = span(); } <SCHEMAS>
    {
        return new ScryShowSchemas(s.end(this));
    }
}

/** SHOW TABLES [IN schema] */
SqlNode ScryShowTables() :
{
    final Span s;
    SqlIdentifier schema = null;
}
{
    <SHOW> { s = span(); } <TABLES>
    [ <IN> schema = CompoundIdentifier() ]
    {
        return new ScryShowTables(s.end(this), schema);
    }
}

/** SHOW CREATE VIEW name */
SqlNode ScryShowCreateView() :
{
    final Span s;
    final SqlIdentifier name;
}
{
    <SHOW> { s = span(); } <CREATE> <VIEW> name = CompoundIdentifier()
    {
        return new ScryShowCreateView(s.end(this), name);
    }
}

/** SHOW MODELS */
SqlNode ScryShowModels() :
{
    final Span s;
}
{
    <SHOW> { s = span(); } <MODELS>
    {
        return new ScryShowModels(s.end(this));
    }
}

/** DESCRIBE MODEL name, where name is an identifier or a string such as 'iris_rf:2'. */
SqlNode ScryDescribeModel() :
{
    final Span s;
    final SqlNode model;
}
{
    <DESCRIBE> { s = span(); } <MODEL>
    (
        model = SimpleIdentifier()
    |
        model = ScryPlainString()
    )
    {
        return new ScryDescribeModel(s.end(this), model);
    }
}

/**
 * The scalar PREDICT('model', arg, ...) or PREDICT('model', *). Calcite's own function-call rule takes a
 * star only as the sole argument (COUNT(*)); here it may follow the model. The call is an ordinary
 * unresolved function named PREDICT, resolved by the validator like any other.
 */
SqlNode ScryPredictCall() :
{
    final Span s;
    final List<SqlNode> args = new ArrayList<SqlNode>();
    SqlNode e;
}
{
    <PREDICT> { s = span(); } <LPAREN>
    e = Expression(ExprContext.ACCEPT_SUB_QUERY) { args.add(e); }
    (
        <COMMA>
        (
            // A star argument is the star, never the start of an expression.
            LOOKAHEAD(1) <STAR> { args.add(SqlIdentifier.star(getPos())); }
        |
            e = Expression(ExprContext.ACCEPT_SUB_QUERY) { args.add(e); }
        )
    )*
    <RPAREN>
    {
        return createCall(new SqlIdentifier("PREDICT", s.pos()), s.end(this),
            SqlFunctionCategory.USER_DEFINED_FUNCTION, null, args);
    }
}

/**
 * The T-SQL PREDICT as a FROM item:
 * PREDICT(MODEL = name | 'name:2' | 'uri', DATA = table | (query) [AS] alias [, RUNTIME = ONNX])
 * [WITH (column TYPE ['output_column'], ...)]. Its own alias (AS p) is read by TableRef3, which the
 * build patches to try this production first (planner/pom.xml, docs/architecture.md).
 */
SqlNode ScryTsqlPredict() :
{
    final Span s;
    final SqlNode model;
    final SqlNode data;
    final SqlIdentifier dataAlias;
    SqlIdentifier runtimeKey;
    SqlIdentifier runtime;
    SqlNodeList withColumns = null;
}
{
    <PREDICT> { s = span(); } <LPAREN>
    <MODEL> <EQ>
    (
        model = SimpleIdentifier()
    |
        model = ScryPlainString()
    )
    <COMMA> <DATA> <EQ>
    (
        data = CompoundIdentifier()
    |
        data = ParenthesizedExpression(ExprContext.ACCEPT_QUERY)
    )
    [ <AS> ] dataAlias = SimpleIdentifier()
    [
        <COMMA> runtimeKey = SimpleIdentifier()
        { ScryGrammarErrors.requireWord(runtimeKey, "RUNTIME", "after DATA in PREDICT"); }
        <EQ> runtime = SimpleIdentifier()
        { ScryGrammarErrors.requireWord(runtime, "ONNX", "as the RUNTIME (the only runtime Scry has)"); }
    ]
    <RPAREN>
    [ withColumns = ScryPredictWithColumns() ]
    {
        return new ScryTsqlPredict(s.end(this), model, data, dataAlias, withColumns);
    }
}

/** WITH ( column TYPE ['output_column'], ... ) after the T-SQL PREDICT. */
SqlNodeList ScryPredictWithColumns() :
{
    final Span s;
    final List<SqlNode> columns = new ArrayList<SqlNode>();
    SqlNode column;
}
{
    <WITH> { s = span(); } <LPAREN>
    column = ScryPredictWithColumn() { columns.add(column); }
    (
        <COMMA> column = ScryPredictWithColumn() { columns.add(column); }
    )*
    <RPAREN>
    {
        return new SqlNodeList(columns, s.end(this));
    }
}

/** column TYPE ['output_column'] */
SqlNode ScryPredictWithColumn() :
{
    final SqlIdentifier name;
    final SqlDataTypeSpec type;
    SqlLiteral source = null;
}
{
    name = SimpleIdentifier()
    type = DataType()
    [ source = ScryPlainString() ]
    {
        return new ScryPredictWithColumn(Span.of(name).end(this), name, type, source);
    }
}

/*
 * EXPLAIN ANALYZE (issue 17): runs the query and reports what each operator did. A block of its own so
 * that other statements' grammar merges beside it.
 */

/** EXPLAIN ANALYZE query. Two words of look-ahead leave EXPLAIN PLAN FOR to Calcite's production. */
SqlNode ScryExplainAnalyze() :
{
    final Span s;
    final SqlNode query;
}
{
    <EXPLAIN> { s = span(); } <ANALYZE>
    query = OrderedQueryOrExpr(ExprContext.ACCEPT_QUERY)
    {
        return new ScryExplainAnalyze(s.end(this), query);
    }
}

// ---- Model aliases (issue 16, part 2) ----

/** ALTER MODEL name SET ALIAS alias = version | ALTER MODEL name DROP ALIAS alias */
SqlNode ScryAlterModelAlias() :
{
    final Span s;
    final SqlIdentifier name;
    SqlIdentifier alias = null;
    SqlNumericLiteral version = null;
}
{
    <ALTER> { s = span(); } <MODEL> name = SimpleIdentifier()
    (
        <SET> <ALIAS> alias = SimpleIdentifier() <EQ> version = UnsignedNumericLiteral()
    |
        <DROP> <ALIAS> alias = SimpleIdentifier()
    )
    {
        return new ScryAlterModelAlias(s.end(this), name, alias, version);
    }
}

/*
 * SHOW MODEL DRIFT (issue 17, model input monitoring) and SHOW MODEL VERSIONS (model aliases, issue 16):
 * one production, since the statement methods are chosen on two tokens and both begin SHOW MODEL.
 */

/**
 * SHOW MODEL DRIFT name, where name is an identifier or a string such as 'iris_rf:2';
 * SHOW MODEL VERSIONS name.
 */
SqlNode ScryShowModel() :
{
    final Span s;
    SqlNode model;
    SqlIdentifier name;
}
{
    <SHOW> { s = span(); } <MODEL>
    (
        <DRIFT>
        (
            model = SimpleIdentifier()
        |
            model = ScryPlainString()
        )
        {
            return new ScryShowModelDrift(s.end(this), model);
        }
    |
        <VERSIONS> name = SimpleIdentifier()
        {
            return new ScryShowModelVersions(s.end(this), name);
        }
    )
}

// Delta time travel: a block of its own.
/**
 * FOR VERSION AS OF n after a table name: the table as it was at version n of its log (also written
 * FOR SYSTEM_TIME AS OF VERSION n, the form Calcite's unparsing gives it). Parsed into
 * Calcite's own snapshot node, whose period is the version wrapped in TableVersionOperator (typed as a
 * TIMESTAMP so that Calcite's validation of FOR SYSTEM_TIME applies unchanged); build-tools/
 * PatchCalciteParser.java puts this production beside Calcite's FOR SYSTEM_TIME AS OF in TableRef3.
 */
SqlNode ScryVersionSnapshot(SqlNode tableRef) :
{
    final Span s;
    final SqlNode version;
}
{
    <FOR> { s = span(); }
    (
        <VERSION> <AS> <OF>
    |
        // Calcite writes the parsed snapshot back as FOR SYSTEM_TIME AS OF VERSION n.
        <SYSTEM_TIME> <AS> <OF> <VERSION>
    )
    version = UnsignedNumericLiteral()
    {
        return new SqlSnapshot(s.end(this), tableRef,
            TableVersionOperator.INSTANCE.createCall(s.end(this), version));
    }
}
// end of Delta time travel

// Delta table history: a block of its own.
/**
 * DESCRIBE HISTORY name: the commits of a Delta table's log. Tried before Calcite's DESCRIBE on two
 * tokens, so a table named HISTORY is described as DESCRIBE TABLE history.
 */
SqlNode ScryDescribeHistory() :
{
    final Span s;
    final SqlIdentifier name;
}
{
    <DESCRIBE> { s = span(); } <HISTORY> name = CompoundIdentifier()
    {
        return new ScryDescribeHistory(s.end(this), name);
    }
}
// end of Delta table history
