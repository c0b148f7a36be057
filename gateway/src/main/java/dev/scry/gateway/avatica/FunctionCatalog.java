package dev.scry.gateway.avatica;

import dev.scry.engine.translate.SparkFunctionMap;
import dev.scry.planner.operator.PredictFunction;
import dev.scry.planner.operator.ScryTypeSystem;
import java.sql.DatabaseMetaData;
import java.sql.Types;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.TreeMap;
import java.util.TreeSet;
import org.apache.calcite.jdbc.JavaTypeFactoryImpl;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.sql.SqlFunction;
import org.apache.calcite.sql.SqlFunctionCategory;
import org.apache.calcite.sql.SqlOperator;
import org.apache.calcite.sql.SqlSyntax;

/**
 * The functions SQL on this gateway can call, for {@code DatabaseMetaData.getFunctions} and the
 * {@code get*Functions} lists: PREDICT in its table and scalar forms, and every named scalar function
 * the Spark engine translates. Built from static tables: answering it runs no Spark job.
 */
public final class FunctionCatalog {

  /** One function as getFunctions reports it. */
  public record Function(
      String name,
      String specificName,
      int functionType,
      String remarks,
      List<FunctionColumn> columns) {
    public Function {
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(specificName, "specificName");
      Objects.requireNonNull(remarks, "remarks");
      columns = List.copyOf(columns);
    }
  }

  private final List<Function> functions;
  private final TreeMap<SqlFunctionCategory, TreeSet<String>> scalarNamesByCategory;

  private FunctionCatalog(
      List<Function> functions,
      TreeMap<SqlFunctionCategory, TreeSet<String>> scalarNamesByCategory) {
    this.functions = List.copyOf(functions);
    this.scalarNamesByCategory = scalarNamesByCategory;
  }

  /** PREDICT plus the named scalar functions of {@link SparkFunctionMap}. */
  public static FunctionCatalog scry() {
    return of(SparkFunctionMap.supportedOperators());
  }

  static FunctionCatalog of(List<SqlOperator> scalarOperators) {
    List<Function> functions = new ArrayList<>();
    functions.add(
        new Function(
            PredictFunction.NAME,
            "PREDICT_TABLE",
            DatabaseMetaData.functionReturnsTable,
            "Scores a table or sub-query with an ONNX model: PREDICT(MODEL => 'name', DATA => TABLE t | (query))",
            List.of(
                FunctionColumn.in(
                    "MODEL",
                    Types.VARCHAR,
                    "VARCHAR",
                    "the registered model, 'name' or 'name:version'"),
                FunctionColumn.in(
                    "DATA", Types.OTHER, "TABLE", "TABLE t or (query): the rows to score"))));
    functions.add(
        new Function(
            PredictFunction.NAME,
            "PREDICT_SCALAR",
            DatabaseMetaData.functionNoTable,
            "The first output of an ONNX model for one row: PREDICT('model', value, ...) or PREDICT('model', *)",
            List.of(
                FunctionColumn.in(
                    "model",
                    Types.VARCHAR,
                    "VARCHAR",
                    "the registered model, 'name' or 'name:version'"),
                FunctionColumn.in(
                    "value",
                    Types.OTHER,
                    "ANY",
                    "may be repeated: the model's inputs in order, or *"),
                FunctionColumn.returns(
                    Types.OTHER, "ANY", "the type of the model's first output"))));
    TreeMap<SqlFunctionCategory, TreeSet<String>> byCategory = new TreeMap<>();
    TreeMap<String, SqlFunction> scalars = new TreeMap<>();
    for (SqlOperator operator : scalarOperators) {
      // Named functions only: +, AND, IS NULL, CASE, CAST … are operators or syntax, not functions.
      if (operator instanceof SqlFunction function && isCalledByName(function)) {
        String name = function.getName().toUpperCase(Locale.ROOT);
        scalars.putIfAbsent(name, function);
        byCategory.computeIfAbsent(function.getFunctionType(), c -> new TreeSet<>()).add(name);
      }
    }
    RelDataTypeFactory types = new JavaTypeFactoryImpl(ScryTypeSystem.INSTANCE);
    scalars.forEach(
        (name, function) ->
            functions.add(
                new Function(
                    name,
                    name,
                    DatabaseMetaData.functionNoTable,
                    "Built-in scalar function",
                    FunctionColumn.of(function, types))));
    functions.sort(Comparator.comparing(Function::name).thenComparing(Function::specificName));
    return new FunctionCatalog(functions, byCategory);
  }

  private static boolean isCalledByName(SqlFunction function) {
    SqlSyntax syntax = function.getSyntax();
    return (syntax == SqlSyntax.FUNCTION
            || syntax == SqlSyntax.FUNCTION_ID
            || syntax == SqlSyntax.FUNCTION_STAR)
        && function.getName().matches("[A-Za-z_][A-Za-z0-9_]*");
  }

  /** Every function, ordered by name and specific name as JDBC asks. */
  public List<Function> functions() {
    return functions;
  }

  /** The comma-separated names of the named scalar functions of {@code category} (JDBC's getXxxFunctions). */
  public String scalarNames(SqlFunctionCategory category) {
    return String.join(",", scalarNamesByCategory.getOrDefault(category, new TreeSet<>()));
  }
}
