package dev.scry.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A streamed result whose columns are all of plain types is read straight from Spark's compact rows
 * ({@link PlainValues}): the same values, of the same classes, as Spark's own rows through {@link
 * JavaValues}, NULLs included; a result with any other type keeps the Row path.
 */
class ReadAheadRowsTest {
  private static final String PLAIN =
      "SELECT id, CAST(id % 2 = 0 AS BOOLEAN) AS b, CAST(id AS TINYINT) AS t,"
          + " CAST(id * 300 AS SMALLINT) AS s, CAST(id * 70000 AS INT) AS i,"
          + " id * 3000000000 AS l, CAST(id / 3 AS FLOAT) AS f, id / 7 AS d,"
          + " CASE WHEN id % 3 = 0 THEN 'ünï ☃ ' || id WHEN id % 3 = 1 THEN '' END AS str,"
          + " CASE WHEN id % 4 = 0 THEN NULL ELSE -id END AS n"
          + " FROM range(-50, 50, 1, 3)";

  static SparkSession spark;

  @BeforeAll
  static void setUp() {
    spark = TestSpark.session();
  }

  @Test
  void plainColumnsReadStraightFromCompactRowsAsSparksOwnRows() {
    Dataset<Row> result = spark.sql(PLAIN);
    JavaValues values = new JavaValues(ZoneId.of("UTC"));
    List<Object[]> expected = new ArrayList<>();
    for (Row row : result.collectAsList()) {
      expected.add(values.toJava(row));
    }
    List<Object[]> read = new ArrayList<>();
    try (ReadAheadRows rows = ReadAheadRows.start(spark.sparkContext(), result, 1)) {
      assertTrue(rows.readsValues());
      while (rows.hasNext()) {
        read.add(rows.nextValues());
      }
    }
    assertEquals(expected.size(), read.size());
    for (int r = 0; r < expected.size(); r++) {
      assertArrayEquals(expected.get(r), read.get(r), "row " + r);
      for (int c = 0; c < expected.get(r).length; c++) {
        Object value = expected.get(r)[c];
        assertEquals(
            value == null ? null : value.getClass(),
            read.get(r)[c] == null ? null : read.get(r)[c].getClass(),
            "class of row " + r + " column " + c);
      }
    }
  }

  @Test
  void otherTypesKeepTheRowPath() {
    Dataset<Row> result =
        spark.sql("SELECT id, DATE '2024-02-29' AS d, array(id) AS a FROM range(0, 10, 1, 2)");
    List<Long> ids = new ArrayList<>();
    try (ReadAheadRows rows = ReadAheadRows.start(spark.sparkContext(), result, 1)) {
      assertFalse(rows.readsValues());
      while (rows.hasNext()) {
        Row row = rows.next();
        ids.add(row.getLong(0));
        assertEquals(List.of(row.getLong(0)), row.getList(2));
      }
    }
    assertEquals(List.of(0L, 1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L, 9L), ids);
  }
}
