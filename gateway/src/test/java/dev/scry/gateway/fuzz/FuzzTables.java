package dev.scry.gateway.fuzz;

import java.util.List;

/**
 * What the generators know of the catalog: the tables {@code StatementFuzzTest} registers (the Quidem
 * scripts' {@code emp}, {@code dept} and {@code alltypes}, the iris and titanic CSV files) with each column's
 * kind of value, and the models.
 */
final class FuzzTables {
  /** The kinds of value an expression generator can produce; close enough to SQL types to type-check. */
  enum Kind {
    NUMBER,
    TEXT,
    BOOL,
    DATE,
    TIMESTAMP,
    ARRAY
  }

  record Column(String name, Kind kind) {}

  record Table(String name, List<Column> columns) {
    List<Column> of(Kind kind) {
      return columns.stream().filter(c -> c.kind() == kind).toList();
    }
  }

  static final Table ALLTYPES =
      new Table(
          "alltypes",
          List.of(
              new Column("id", Kind.NUMBER),
              new Column("b", Kind.BOOL),
              new Column("ti", Kind.NUMBER),
              new Column("si", Kind.NUMBER),
              new Column("i", Kind.NUMBER),
              new Column("bi", Kind.NUMBER),
              new Column("d", Kind.NUMBER),
              new Column("r", Kind.NUMBER),
              new Column("dbl", Kind.NUMBER),
              new Column("c", Kind.TEXT),
              new Column("v", Kind.TEXT),
              new Column("dt", Kind.DATE),
              new Column("ts", Kind.TIMESTAMP),
              new Column("arr", Kind.ARRAY)));

  static final Table EMP =
      new Table(
          "emp",
          List.of(
              new Column("empno", Kind.NUMBER),
              new Column("name", Kind.TEXT),
              new Column("deptno", Kind.NUMBER),
              new Column("salary", Kind.NUMBER),
              new Column("hired", Kind.DATE),
              new Column("mgr", Kind.NUMBER),
              new Column("bonus", Kind.NUMBER)));

  static final Table DEPT =
      new Table("dept", List.of(new Column("deptno", Kind.NUMBER), new Column("dname", Kind.TEXT)));

  static final Table IRIS =
      new Table(
          "iris",
          List.of(
              new Column("\"_index_\"", Kind.NUMBER), new Column("Sepal_Length", Kind.NUMBER),
              new Column("Sepal_Width", Kind.NUMBER), new Column("Petal_Length", Kind.NUMBER),
              new Column("Petal_Width", Kind.NUMBER), new Column("Species", Kind.TEXT)));

  static final Table TITANIC =
      new Table(
          "titanic",
          List.of(
              new Column("name", Kind.TEXT),
              new Column("pclass", Kind.NUMBER),
              new Column("sex", Kind.TEXT),
              new Column("age", Kind.NUMBER),
              new Column("fare", Kind.NUMBER),
              new Column("embarked", Kind.TEXT)));

  /** The tables plain queries read: small, every type among them. */
  static final List<Table> QUERIED = List.of(ALLTYPES, ALLTYPES, EMP, DEPT, IRIS);

  /** iris's four features, the single input of {@code iris_rf}. */
  static final List<String> IRIS_FEATURES =
      List.of("Sepal_Length", "Sepal_Width", "Petal_Length", "Petal_Width");

  /** Names the fuzz may create and drop; nothing the other statements rely on. */
  static final List<String> SCRATCH_TABLES = List.of("fz_t0", "fz_t1", "fz_t2");

  static final List<String> SCRATCH_SCHEMAS = List.of("fz_s0", "fz_s1");
  static final List<String> SCRATCH_MODELS = List.of("fz_m0", "fz_m1");

  private FuzzTables() {}
}
