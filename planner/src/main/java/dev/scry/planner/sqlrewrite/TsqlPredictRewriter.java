package dev.scry.planner.sqlrewrite;

import dev.scry.planner.ScryException;
import dev.scry.planner.catalog.ModelRegistry;
import dev.scry.planner.model.ModelOutput;
import dev.scry.planner.operator.PredictFunction;
import dev.scry.planner.parser.ScryPredictWithColumn;
import dev.scry.planner.parser.ScryTsqlPredict;
import dev.scry.planner.predict.BoundPredict;
import dev.scry.planner.predict.OutputColumn;
import dev.scry.planner.predict.PredictBinder;
import dev.scry.planner.predict.PredictBindingException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.rel.type.RelDataTypeField;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlDataTypeSpec;
import org.apache.calcite.sql.SqlFunctionCategory;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlJoin;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlLiteral;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlNodeList;
import org.apache.calcite.sql.SqlOrderBy;
import org.apache.calcite.sql.SqlSelect;
import org.apache.calcite.sql.SqlUnresolvedFunction;
import org.apache.calcite.sql.SqlWith;
import org.apache.calcite.sql.SqlWithItem;
import org.apache.calcite.sql.fun.SqlStdOperatorTable;
import org.apache.calcite.sql.parser.SqlParserPos;
import org.apache.calcite.sql.type.SqlTypeUtil;
import org.apache.calcite.sql.util.SqlShuttle;

/**
 * Lowers the T-SQL form {@code PREDICT(MODEL = m, DATA = t AS d) WITH (c TYPE, ...) AS p} to the
 * table-function form before validation. A FROM item has one alias in Calcite, but the T-SQL form has two
 * (d for the DATA columns, p for the outputs), so the item becomes one sub-query named p:
 * <pre>
 * (SELECT t.c1 AS c1, ..., CAST(t.output AS TYPE) AS c, ...
 *  FROM TABLE(PREDICT(MODEL => 'm', DATA => TABLE t)) AS t) AS p
 * </pre>
 * and the enclosing query's references are rewritten onto it: {@code d.x} becomes {@code p.x},
 * {@code p.c} stays (or names the internal column of a WITH column that clashes with a DATA column),
 * {@code d.*} and {@code p.*} expand to their own columns. Unqualified names resolve against the
 * sub-query: the DATA columns, then the outputs. The WITH columns are checked here against the model,
 * with their SQL positions.
 */
public final class TsqlPredictRewriter extends SqlShuttle {
  private static final String INNER_ALIAS = "$scry_predict";

  /** The prefix ONNX converters (skl2onnx, tf2onnx) give output names: output_label, output_probability. */
  private static final String CONVERTER_OUTPUT_PREFIX = "output_";

  /** What the rewrite needs from the planner: the DATA's row type and a WITH column's type. */
  public interface Context {
    /**
     * The columns of {@code data} (a table name or a query) where {@code withItems} are in scope: the
     * common table expressions of the enclosing WITH clauses, outermost first, each seeing those before
     * it.
     */
    RelDataType dataRowType(SqlNode data, List<SqlWithItem> withItems);

    RelDataType typeOf(SqlDataTypeSpec spec);
  }

  private final Context context;
  private final PredictFunction predict;
  private final RelDataTypeFactory typeFactory;

  /** Aliases in scope, innermost last; a null value is an ordinary alias that hides an outer one. */
  private final Deque<Map<String, Aliases>> scopes = new ArrayDeque<>();

  private final Map<SqlSelect, Map<String, Aliases>> scopeOfSelect = new IdentityHashMap<>();

  /**
   * The common table expressions in scope, outermost first. Unlike aliases, a CTE's name is seen in every
   * sub-query of its WITH clause's body, so a DATA may name one.
   */
  private final List<SqlWithItem> withItems = new ArrayList<>();

  private TsqlPredictRewriter(
      Context context, PredictFunction predict, RelDataTypeFactory typeFactory) {
    this.context = Objects.requireNonNull(context, "context");
    this.predict = Objects.requireNonNull(predict, "predict");
    this.typeFactory = Objects.requireNonNull(typeFactory, "typeFactory");
  }

  public static SqlNode rewrite(
      SqlNode query, Context context, PredictFunction predict, RelDataTypeFactory typeFactory) {
    if (!mentionsTsqlPredict(query)) {
      return query;
    }
    return query.accept(new TsqlPredictRewriter(context, predict, typeFactory));
  }

  /** The two names of one T-SQL PREDICT and the columns each offers, as names inside the sub-query p. */
  private record Aliases(
      String predictAlias,
      String dataAlias,
      List<String> dataColumns,
      Map<String, String> outputColumns) {
    boolean isData(String alias) {
      return alias.equalsIgnoreCase(dataAlias);
    }
  }

  // ------------------------------------------------------------------------------------- traversal

  @Override
  public SqlNode visit(SqlCall call) {
    if (call instanceof SqlSelect select) {
      return visitSelect(select);
    }
    if (call instanceof SqlWith with) {
      return visitWith(with);
    }
    if (call instanceof SqlOrderBy orderBy) {
      SqlNode query = orderBy.query.accept(this);
      Map<String, Aliases> scope = query instanceof SqlSelect s ? scopeOfSelect.get(s) : null;
      if (scope != null) {
        scopes.addLast(scope);
      }
      try {
        SqlNodeList orderList = (SqlNodeList) orderBy.orderList.accept(this);
        return new SqlOrderBy(
            orderBy.getParserPosition(), query, orderList, orderBy.offset, orderBy.fetch);
      } finally {
        if (scope != null) {
          scopes.removeLast();
        }
      }
    }
    if (call instanceof ScryTsqlPredict tsql) {
      throw error(
          tsql.getParserPosition(),
          "PREDICT(MODEL = …, DATA = …) needs an alias for its outputs:"
              + " PREDICT(…) [WITH (…)] AS p");
    }
    return super.visit(call);
  }

  @Override
  public SqlNode visit(SqlIdentifier id) {
    if (id.names.size() < 2) {
      return id;
    }
    Aliases aliases = lookup(id.names.get(0));
    if (aliases == null) {
      return id;
    }
    if (id.isStar()) {
      throw error(id.getParserPosition(), id + " is allowed only in the SELECT list");
    }
    String column = id.names.get(1);
    String inner =
        aliases.isData(id.names.get(0))
            ? dataColumn(aliases, column, id)
            : outputColumn(aliases, column, id);
    List<String> names = new ArrayList<>();
    names.add(aliases.predictAlias());
    names.add(inner);
    names.addAll(id.names.subList(2, id.names.size()));
    return new SqlIdentifier(names, id.getParserPosition());
  }

  private SqlNode visitSelect(SqlSelect select) {
    Map<String, Aliases> scope = new HashMap<>();
    if (select.getFrom() != null) {
      select.setFrom(rewriteFrom(select.getFrom(), scope));
    }
    scopes.addLast(scope);
    try {
      select.setSelectList(expandSelectList(select.getSelectList()));
      if (select.getFrom() != null) {
        rewriteJoinConditions(select.getFrom());
      }
      select.setWhere(visitNullable(select.getWhere()));
      select.setGroupBy((SqlNodeList) visitNullable(select.getGroup()));
      select.setHaving(visitNullable(select.getHaving()));
      select.setQualify(visitNullable(select.getQualify()));
      select.setOrderBy((SqlNodeList) visitNullable(select.getOrderList()));
    } finally {
      scopes.removeLast();
    }
    if (scope.values().stream().anyMatch(Objects::nonNull)) {
      scopeOfSelect.put(select, scope);
    }
    return select;
  }

  /** Each WITH item is rewritten seeing the items before it, the body seeing all of them. */
  private SqlNode visitWith(SqlWith with) {
    int outer = withItems.size();
    try {
      for (SqlNode node : with.withList) {
        SqlWithItem item = (SqlWithItem) node;
        item.query = item.query.accept(this);
        withItems.add(item);
      }
      with.body = with.body.accept(this);
    } finally {
      withItems.subList(outer, withItems.size()).clear();
    }
    return with;
  }

  private SqlNode visitNullable(SqlNode node) {
    return node == null ? null : node.accept(this);
  }

  /** Replaces each T-SQL PREDICT item of a FROM clause; records every alias the clause declares. */
  private SqlNode rewriteFrom(SqlNode from, Map<String, Aliases> scope) {
    if (from instanceof SqlJoin join) {
      join.setLeft(rewriteFrom(join.getLeft(), scope));
      join.setRight(rewriteFrom(join.getRight(), scope));
      return join;
    }
    if (from instanceof ScryTsqlPredict tsql) {
      throw error(
          tsql.getParserPosition(),
          "PREDICT(MODEL = …, DATA = …) needs an alias for its outputs:"
              + " PREDICT(…) [WITH (…)] AS p");
    }
    if (from.getKind() == SqlKind.AS
        && ((SqlCall) from).operand(0) instanceof ScryTsqlPredict tsql) {
      SqlCall as = (SqlCall) from;
      if (as.operandCount() > 2) {
        throw error(
            as.operand(2).getParserPosition(),
            "PREDICT(…) AS p takes no column list: name the"
                + " outputs in WITH (column TYPE ['output'], …)");
      }
      SqlIdentifier alias = as.operand(1);
      return lower(tsql, alias, scope);
    }
    if (from.getKind() == SqlKind.AS) {
      SqlCall as = (SqlCall) from;
      scope.put(key(((SqlIdentifier) as.operand(1)).getSimple()), null);
      // A sub-query in FROM sees no outer FROM item, so it is rewritten on its own; a LATERAL one
      // sees the
      // items before it in this FROM clause (and what the clause itself sees), d and p among them.
      Deque<Map<String, Aliases>> saved = new ArrayDeque<>(scopes);
      if (as.operand(0).getKind() == SqlKind.LATERAL) {
        scopes.addLast(scope);
      } else {
        scopes.clear();
      }
      try {
        as.setOperand(0, as.operand(0).accept(this));
      } finally {
        scopes.clear();
        scopes.addAll(saved);
      }
      return as;
    }
    if (from instanceof SqlIdentifier table) {
      scope.put(key(table.names.get(table.names.size() - 1)), null);
      return table;
    }
    return from.accept(this);
  }

  private void rewriteJoinConditions(SqlNode from) {
    if (from instanceof SqlJoin join) {
      rewriteJoinConditions(join.getLeft());
      rewriteJoinConditions(join.getRight());
      if (join.getCondition() != null) {
        join.setOperand(5, join.getCondition().accept(this));
      }
    }
  }

  private SqlNodeList expandSelectList(SqlNodeList selectList) {
    List<SqlNode> items = new ArrayList<>();
    for (SqlNode item : selectList) {
      if (item instanceof SqlIdentifier id
          && id.isStar()
          && id.names.size() == 2
          && lookup(id.names.get(0)) != null) {
        Aliases aliases = lookup(id.names.get(0));
        SqlParserPos pos = id.getParserPosition();
        if (aliases.isData(id.names.get(0))) {
          aliases.dataColumns().forEach(c -> items.add(aliased(pos, aliases.predictAlias(), c, c)));
        } else {
          aliases
              .outputColumns()
              .forEach(
                  (name, inner) -> items.add(aliased(pos, aliases.predictAlias(), inner, name)));
        }
      } else {
        items.add(item.accept(this));
      }
    }
    return new SqlNodeList(items, selectList.getParserPosition());
  }

  private Aliases lookup(String alias) {
    var scopesInnermostFirst = scopes.descendingIterator();
    while (scopesInnermostFirst.hasNext()) {
      Map<String, Aliases> scope = scopesInnermostFirst.next();
      if (scope.containsKey(key(alias))) {
        return scope.get(key(alias));
      }
    }
    return null;
  }

  private static String dataColumn(Aliases aliases, String column, SqlIdentifier id) {
    return aliases.dataColumns().stream()
        .filter(c -> c.equalsIgnoreCase(column))
        .findFirst()
        .orElseThrow(
            () ->
                error(
                    id.getParserPosition(),
                    "Column '"
                        + column
                        + "' is not a DATA column of '"
                        + aliases.dataAlias()
                        + "'; its columns: "
                        + String.join(", ", aliases.dataColumns())));
  }

  private static String outputColumn(Aliases aliases, String column, SqlIdentifier id) {
    return aliases.outputColumns().entrySet().stream()
        .filter(e -> e.getKey().equalsIgnoreCase(column))
        .map(Map.Entry::getValue)
        .findFirst()
        .orElseThrow(
            () ->
                error(
                    id.getParserPosition(),
                    "Column '"
                        + column
                        + "' is not an output column of '"
                        + aliases.predictAlias()
                        + "'; its columns: "
                        + String.join(", ", aliases.outputColumns().keySet())
                        + (aliases.dataColumns().stream().anyMatch(c -> c.equalsIgnoreCase(column))
                            ? " (the DATA columns are under '" + aliases.dataAlias() + "')"
                            : "")));
  }

  // ------------------------------------------------------------------------------------- lowering

  private SqlNode lower(
      ScryTsqlPredict tsql, SqlIdentifier predictAlias, Map<String, Aliases> scope) {
    SqlParserPos pos = tsql.getParserPosition();
    String pName = predictAlias.getSimple();
    String dName = tsql.dataAlias().getSimple();
    if (pName.equalsIgnoreCase(dName)) {
      throw error(
          predictAlias.getParserPosition(),
          "The outputs' alias '" + pName + "' must differ from the DATA alias '" + dName + "'");
    }
    SqlNode data = tsql.data();
    if (!(data instanceof SqlIdentifier)) {
      // A T-SQL PREDICT inside DATA is lowered first, with no outer alias in scope.
      Deque<Map<String, Aliases>> saved = new ArrayDeque<>(scopes);
      scopes.clear();
      try {
        data = data.accept(this);
      } finally {
        scopes.addAll(saved);
      }
    }
    RelDataType dataRowType =
        context.dataRowType(SqlDeepCopy.of(data), withItems.stream().map(SqlDeepCopy::of).toList());
    BoundPredict bound;
    List<String> modelColumnNames = new ArrayList<>();
    try {
      bound = predict.bind(tsql.modelReference(), dataRowType, typeFactory);
      ModelRegistry.ResolvedModel model = predict.models().resolve(tsql.modelReference());
      for (ModelOutput output : model.signature().outputs()) {
        PredictBinder.outputColumns(model.version().ref(), output)
            .forEach(c -> modelColumnNames.add(c.columnName()));
      }
    } catch (PredictBindingException | ScryException e) {
      throw error(pos, e.getMessage());
    }
    List<RelDataTypeField> dataFields = dataRowType.getFieldList();
    List<RelDataTypeField> outputFields =
        bound.rowType().getFieldList().subList(dataFields.size(), bound.rowType().getFieldCount());
    List<OutputColumn> outputs = bound.spec().outputs();

    List<SqlNode> selectList = new ArrayList<>();
    List<String> dataColumns = new ArrayList<>();
    Set<String> taken = new HashSet<>();
    for (RelDataTypeField field : dataFields) {
      dataColumns.add(field.getName());
      taken.add(key(field.getName()));
      selectList.add(aliased(pos, INNER_ALIAS, field.getName(), field.getName()));
    }
    Map<String, String> outputColumns = new LinkedHashMap<>();
    if (tsql.withColumns() == null) {
      for (int i = 0; i < outputs.size(); i++) {
        String inner = outputs.get(i).columnName(); // already unique against the DATA columns
        outputColumns.put(modelColumnNames.get(i), inner);
        selectList.add(aliased(pos, INNER_ALIAS, inner, inner));
      }
    } else {
      Set<String> seen = new HashSet<>();
      for (SqlNode node : tsql.withColumns()) {
        ScryPredictWithColumn column = (ScryPredictWithColumn) node;
        String name = column.name().getSimple();
        if (!seen.add(key(name))) {
          throw error(column.name().getParserPosition(), "WITH names column '" + name + "' twice");
        }
        int index = indexOf(modelColumnNames, column.sourceColumn());
        if (index < 0) {
          throw error(
              column.sourcePosition(),
              "Model '"
                  + tsql.modelReference()
                  + "' has no output column '"
                  + column.sourceColumn()
                  + "'; its output columns: "
                  + describe(modelColumnNames, outputFields));
        }
        RelDataType from = outputFields.get(index).getType();
        RelDataType to = typeFactory.createTypeWithNullability(context.typeOf(column.type()), true);
        if (!SqlTypeUtil.canCastFrom(to, from, true)) {
          throw error(
              column.type().getParserPosition(),
              "Model output column '"
                  + modelColumnNames.get(index)
                  + "' is "
                  + from.getFullTypeString().replace(" NOT NULL", "")
                  + ", which cannot be cast to "
                  + to.getFullTypeString().replace(" NOT NULL", "")
                  + " (WITH column '"
                  + name
                  + "')");
        }
        String inner = unique(name, taken);
        outputColumns.put(name, inner);
        SqlNode value =
            new SqlIdentifier(
                List.of(INNER_ALIAS, outputs.get(index).columnName()), column.getParserPosition());
        SqlNode cast =
            SqlStdOperatorTable.CAST.createCall(column.getParserPosition(), value, column.type());
        selectList.add(
            SqlStdOperatorTable.AS.createCall(
                column.getParserPosition(),
                cast,
                new SqlIdentifier(inner, column.getParserPosition())));
      }
    }
    scope.put(key(pName), new Aliases(pName, dName, dataColumns, outputColumns));
    scope.put(key(dName), new Aliases(pName, dName, dataColumns, outputColumns));

    SqlNode dataArgument =
        data instanceof SqlIdentifier table
            ? SqlStdOperatorTable.EXPLICIT_TABLE.createCall(table.getParserPosition(), table)
            : data;
    SqlNode call =
        new SqlUnresolvedFunction(
                new SqlIdentifier(PredictFunction.NAME, pos),
                null,
                null,
                null,
                null,
                SqlFunctionCategory.USER_DEFINED_TABLE_FUNCTION)
            .createCall(
                null,
                pos,
                SqlStdOperatorTable.ARGUMENT_ASSIGNMENT.createCall(
                    tsql.model().getParserPosition(),
                    SqlLiteral.createCharString(
                        tsql.modelReference(), tsql.model().getParserPosition()),
                    new SqlIdentifier("MODEL", tsql.model().getParserPosition())),
                SqlStdOperatorTable.ARGUMENT_ASSIGNMENT.createCall(
                    data.getParserPosition(),
                    dataArgument,
                    new SqlIdentifier("DATA", data.getParserPosition())));
    SqlNode from =
        SqlStdOperatorTable.AS.createCall(
            pos,
            SqlStdOperatorTable.COLLECTION_TABLE.createCall(pos, call),
            new SqlIdentifier(INNER_ALIAS, pos));
    SqlSelect inner =
        new SqlSelect(
            pos,
            null,
            new SqlNodeList(selectList, pos),
            from,
            null,
            null,
            null,
            null,
            null,
            null,
            null,
            null,
            null);
    return SqlStdOperatorTable.AS.createCall(pos, inner, predictAlias);
  }

  /**
   * The model output column a WITH column names: its exact name, else case-insensitively, else with the
   * {@value #CONVERTER_OUTPUT_PREFIX} prefix that scikit-learn's and most other ONNX converters put before
   * every output name (so {@code WITH (label BIGINT)} finds {@code output_label}, as T-SQL users write it).
   */
  private static int indexOf(List<String> names, String wanted) {
    int exact = names.indexOf(wanted);
    if (exact >= 0) {
      return exact;
    }
    int named = indexIgnoringCase(names, wanted);
    return named >= 0 ? named : indexIgnoringCase(names, CONVERTER_OUTPUT_PREFIX + wanted);
  }

  private static int indexIgnoringCase(List<String> names, String wanted) {
    for (int i = 0; i < names.size(); i++) {
      if (names.get(i).equalsIgnoreCase(wanted)) {
        return i;
      }
    }
    return -1;
  }

  private static String describe(List<String> names, List<RelDataTypeField> fields) {
    List<String> described = new ArrayList<>();
    for (int i = 0; i < names.size(); i++) {
      described.add(
          names.get(i)
              + " "
              + fields.get(i).getType().getFullTypeString().replace(" NOT NULL", ""));
    }
    return String.join(", ", described);
  }

  private static String unique(String wanted, Set<String> taken) {
    String candidate = taken.contains(key(wanted)) ? wanted + "_predicted" : wanted;
    for (int n = 2; taken.contains(key(candidate)); n++) {
      candidate = wanted + "_predicted_" + n;
    }
    taken.add(key(candidate));
    return candidate;
  }

  private static SqlNode aliased(SqlParserPos pos, String table, String column, String alias) {
    return SqlStdOperatorTable.AS.createCall(
        pos, new SqlIdentifier(List.of(table, column), pos), new SqlIdentifier(alias, pos));
  }

  private static String key(String name) {
    return name.toLowerCase(Locale.ROOT);
  }

  private static ScryException error(SqlParserPos pos, String message) {
    return new ScryException(
        "At line " + pos.getLineNum() + ", column " + pos.getColumnNum() + ": " + message);
  }

  /** Whether the tree has a T-SQL PREDICT, so that statements without one are left untouched. */
  private static boolean mentionsTsqlPredict(SqlNode query) {
    boolean[] found = {false};
    query.accept(
        new SqlShuttle() {
          @Override
          public SqlNode visit(SqlCall call) {
            if (call instanceof ScryTsqlPredict) {
              found[0] = true;
              return call;
            }
            return super.visit(call);
          }
        });
    return found[0];
  }
}
