package dev.scry.gateway.fuzz;

import dev.scry.gateway.fuzz.ExpressionGenerator.Ref;
import dev.scry.gateway.fuzz.FuzzTables.Kind;
import java.util.ArrayList;
import java.util.List;

/**
 * PREDICT in its three forms over iris and titanic: the table function with {@code DATA => TABLE t} or
 * {@code DATA => (SELECT …)}, the T-SQL {@code PREDICT(MODEL = m, DATA = t AS d) WITH (…) AS p}, and the
 * scalar {@code PREDICT('m', a, b, …)}. Model names, versions, argument counts and WITH columns are
 * mostly right and sometimes not.
 */
final class PredictGenerator {
  private final Pick pick;
  private final QueryGenerator queries;
  private final String modelUri;

  /** {@code modelUri}: the iris model's file, to name a model by URI. */
  PredictGenerator(Pick pick, QueryGenerator queries, String modelUri) {
    this.pick = pick;
    this.queries = queries;
    this.modelUri = modelUri;
  }

  String predict() {
    return pick.anyOf(
        this::tableFunction, this::tableFunction, this::tsql, this::scalar, this::scalar);
  }

  private String irisModel() {
    return pick.oneOf(
        "iris_rf",
        "iris_rf",
        "iris_rf",
        "iris_rf:1",
        "iris_rf:7",
        "IRIS_RF",
        "no_such_model",
        modelUri,
        "titanic",
        "");
  }

  /** iris's features as the model's input, or close to it. */
  private String features() {
    List<String> values = new ArrayList<>(FuzzTables.IRIS_FEATURES);
    if (pick.chance(0.15)) {
      values.remove(pick.below(values.size()));
    }
    if (pick.chance(0.1)) {
      values.set(
          pick.below(values.size()),
          pick.oneOf("NULL", "Species", "CAST(NULL AS REAL)", "1e30", "-1"));
    }
    return String.join(", ", values);
  }

  private String irisData() {
    String where =
        pick.chance(0.3)
            ? " WHERE "
                + queries.expressions().of(Kind.BOOL, QueryGenerator.scope(FuzzTables.IRIS, "iris"))
            : "";
    return pick.oneOf(
        "TABLE iris",
        "TABLE titanic",
        "(SELECT \"_index_\", Species, ARRAY["
            + features()
            + "] AS float_input FROM iris"
            + where
            + ")",
        "(SELECT ARRAY["
            + features()
            + "] AS "
            + pick.oneOf("float_input", "FLOAT_INPUT", "features")
            + " FROM iris"
            + where
            + ")");
  }

  private String tableFunction() {
    boolean titanic = pick.chance(0.2);
    String call =
        titanic
            ? "PREDICT(MODEL => 'titanic', DATA => "
                + pick.oneOf(
                    "TABLE titanic",
                    "(SELECT name, pclass, sex, age, fare," + " embarked FROM titanic)",
                    "(SELECT name, sex FROM titanic)")
                + ")"
            : "PREDICT(MODEL => '" + irisModel() + "', DATA => " + irisData() + ")";
    String from = pick.chance(0.7) ? call : "TABLE(" + call + ")";
    String columns =
        titanic
            ? pick.oneOf("*", "name, label", "COUNT(*)", "sex, AVG(probabilities_1) AS p")
            : pick.oneOf(
                "*",
                "output_label",
                "output_label, output_probability_0",
                "COUNT(*)",
                "output_label, COUNT(*) AS n",
                "MAX(output_probability_2)",
                "\"_index_\", output_label");
    String grouping =
        columns.contains(", COUNT") || columns.contains("AVG(")
            ? " GROUP BY " + columns.substring(0, columns.indexOf(','))
            : "";
    String where =
        pick.chance(0.3) && !titanic
            ? " WHERE output_label " + pick.oneOf("= 0", "> 1", "IS NULL")
            : "";
    return "SELECT " + columns + " FROM " + from + " AS p" + where + grouping;
  }

  private String tsql() {
    String model =
        pick.oneOf(
            "iris_rf", "iris_rf", "'iris_rf'", "'iris_rf:1'", "nosuch", "'" + modelUri + "'");
    String data =
        pick.oneOf(
            "(SELECT \"_index_\", Species, ARRAY[" + features() + "] AS float_input FROM iris)",
            "iris",
            "(SELECT ARRAY[" + features() + "] AS float_input FROM iris)");
    String runtime = pick.oneOf("", "", ", RUNTIME = ONNX", ", RUNTIME = TORCH");
    String with =
        pick.oneOf(
            "",
            "",
            " WITH (label BIGINT 'output_label')",
            " WITH (label "
                + pick.oneOf("BIGINT", "VARCHAR", "DOUBLE", "DATE", "BOOLEAN")
                + " 'output_label',"
                + " p0 DOUBLE 'output_probability_0')",
            " WITH (output_label INTEGER)",
            " WITH (nope REAL 'no_such_output')",
            " WITH (Species VARCHAR 'output_label')");
    String columns =
        pick.oneOf(
            "d.*, p.*",
            "p.*",
            "d.*",
            "*",
            "p.label",
            "d.\"_index_\", p.output_label",
            "COUNT(*)",
            "d.Species, p.label");
    String where =
        pick.oneOf("", "", " WHERE d.\"_index_\" < 10", " WHERE p.label = 1", " ORDER BY 1");
    return "SELECT "
        + columns
        + " FROM PREDICT(MODEL = "
        + model
        + ", DATA = "
        + data
        + " AS d"
        + runtime
        + ")"
        + with
        + " AS p"
        + where;
  }

  private String scalar() {
    if (pick.chance(0.2)) {
      return "SELECT name, PREDICT('titanic', "
          + pick.oneOf("*", "*", "name", "pclass, sex, age, fare, embarked")
          + ") AS survived FROM titanic"
          + pick.oneOf("", " WHERE age > 30", " ORDER BY 2");
    }
    List<Ref> scope = QueryGenerator.scope(FuzzTables.IRIS, "iris");
    String arguments =
        pick.chance(0.8)
            ? features()
            : queries.expressions().of(Kind.NUMBER, scope)
                + ", "
                + queries.expressions().of(Kind.NUMBER, scope);
    String call = "PREDICT('" + irisModel() + "', " + arguments + ")";
    return pick.oneOf(
        "SELECT \"_index_\", " + call + " AS label FROM iris",
        "SELECT Species, AVG(" + call + ") AS mean FROM iris GROUP BY Species",
        "SELECT COUNT(*) FROM iris WHERE " + call + " = 1",
        "SELECT " + call + " + 1 AS plus FROM iris ORDER BY 1 LIMIT 3",
        "SELECT CASE WHEN " + call + " > 0 THEN 'yes' ELSE 'no' END AS flag FROM iris");
  }
}
