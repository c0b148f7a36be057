package dev.scry.gateway.sql;

import dev.scry.testing.TestData;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;

/**
 * The small tables the Quidem scripts query: written as Parquet by Spark itself (so every column has
 * the exact Spark type) and registered in the gateway as external tables with declared SQL types.
 */
public final class ScriptTables {
  /** Each table: the Spark SQL that produces its rows, and its SQL column list for the gateway. */
  private record Table(String sparkQuery, String columns) {}

  private static final Map<String, Table> TABLES =
      Map.of(
          "emp",
              new Table(
                  """
          SELECT CAST(empno AS INT) empno, name, CAST(deptno AS INT) deptno, CAST(salary AS DECIMAL(8, 2)) salary,
            CAST(hired AS DATE) hired, CAST(mgr AS INT) mgr, CAST(bonus AS DOUBLE) bonus
          FROM VALUES
            (1, 'Ann',   10, 5000.00, '2019-03-01', NULL, 500.0),
            (2, 'Bob',   10, 3000.50, '2020-07-15', 1,    NULL),
            (3, 'Cy',    20, 3000.50, '2021-01-31', 1,    250.5),
            (4, 'Dee',   20, 4200.00, '2018-11-30', 3,    0.0),
            (5, 'Eve',   30, 2500.25, '2022-02-28', 3,    100.0),
            (6, 'Fay',   NULL, 1800.00, '2023-06-01', 1,  NULL)
            AS t(empno, name, deptno, salary, hired, mgr, bonus)""",
                  "(empno INTEGER NOT NULL, name VARCHAR(20), deptno INTEGER, salary DECIMAL(8, 2), hired DATE, mgr INTEGER,"
                      + " bonus DOUBLE)"),
          "dept",
              new Table(
                  """
          SELECT CAST(deptno AS INT) deptno, dname FROM VALUES
            (10, 'Sales'), (20, 'Research'), (40, 'Legal') AS t(deptno, dname)""",
                  "(deptno INTEGER NOT NULL, dname VARCHAR(20))"),
          "alltypes",
              new Table(
                  """
          SELECT CAST(id AS INT) id, CAST(b AS BOOLEAN) b, CAST(ti AS TINYINT) ti, CAST(si AS SMALLINT) si,
            CAST(i AS INT) i, CAST(bi AS BIGINT) bi, CAST(d AS DECIMAL(10, 3)) d, CAST(r AS FLOAT) r,
            CAST(dbl AS DOUBLE) dbl, CAST(c AS STRING) c, CAST(v AS STRING) v, CAST(dt AS DATE) dt,
            CAST(ts AS TIMESTAMP) ts, CAST(arr AS ARRAY<INT>) arr
          FROM VALUES
            (1, true, -128, -32768, -2147483648, -9223372036854775808, -1234567.891, -1.5, -2.25,
              'ab   ', 'hello', '1999-12-31', '1999-12-31 23:59:59.123', array(1, 2, 3)),
            (2, false, 127, 32767, 2147483647, 9223372036854775807, 9999999.999, 3.25, 1.0E100,
              'xyz  ', '', '2024-02-29', '2024-02-29 00:00:00', array(CAST(NULL AS INT), 5)),
            (3, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL)
            AS t(id, b, ti, si, i, bi, d, r, dbl, c, v, dt, ts, arr)""",
                  "(id INTEGER NOT NULL, b BOOLEAN, ti TINYINT, si SMALLINT, i INTEGER, bi BIGINT, d DECIMAL(10, 3), r REAL,"
                      + " dbl DOUBLE, c CHAR(5), v VARCHAR(10), dt DATE, ts TIMESTAMP, arr INTEGER ARRAY)"));

  private ScriptTables() {}

  /** Writes every table under {@code folder} and creates it in the gateway's default schema. */
  public static void create(SparkSession spark, Connection connection, Path folder)
      throws SQLException {
    try (Statement statement = connection.createStatement()) {
      for (Map.Entry<String, Table> table : TABLES.entrySet()) {
        Path location = folder.resolve(table.getKey());
        spark
            .sql(table.getValue().sparkQuery())
            .coalesce(1)
            .write()
            .mode(SaveMode.Overwrite)
            .parquet(location.toString());
        statement.execute(
            "CREATE EXTERNAL TABLE "
                + table.getKey()
                + " "
                + table.getValue().columns()
                + " STORED AS PARQUET LOCATION '"
                + TestData.uri(location)
                + "'");
      }
    }
  }

  /** Registers the same files as Spark temporary views, to compare Scry's answers with spark.sql. */
  static void registerViews(SparkSession spark, Path folder) {
    for (String name : TABLES.keySet()) {
      spark.read().parquet(folder.resolve(name).toString()).createOrReplaceTempView(name);
    }
  }
}
