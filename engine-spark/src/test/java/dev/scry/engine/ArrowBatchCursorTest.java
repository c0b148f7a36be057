package dev.scry.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.VectorLoader;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.complex.ListVector;
import org.apache.arrow.vector.ipc.message.ArrowRecordBatch;
import org.apache.arrow.vector.types.DateUnit;
import org.apache.arrow.vector.types.FloatingPointPrecision;
import org.apache.arrow.vector.types.TimeUnit;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.FieldType;
import org.apache.arrow.vector.types.pojo.Schema;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Record batches built by Spark's tasks against the Arrow schema the gateway announces: the casts
 * that make them equal (TIMESTAMP as the session zone's wall clock, DECIMAL at the announced scale),
 * the refusal when they cannot be, and a result shared out in parts with every row in exactly one.
 */
class ArrowBatchCursorTest {
  private static final String ZONE = "America/New_York";

  static SparkSession spark;

  @BeforeAll
  static void setUp() {
    spark = TestSpark.session();
  }

  @Test
  void timestampsAreTheSessionZonesWallClockAndDecimalsTheAnnouncedScale() throws Exception {
    Dataset<Row> result =
        spark.sql(
            "SELECT CAST(1.5 AS DECIMAL(12, 3)) AS a, TIMESTAMP '2024-02-29 12:34:56.123' AS a,"
                + " array(TIMESTAMP '2024-03-01 00:00:00') AS ts, DATE '2024-02-29' AS d,"
                + " CAST(2.5 AS FLOAT) AS r, CAST(NULL AS INT) AS n");
    Schema announced =
        new Schema(
            List.of(
                field("a", new ArrowType.Decimal(10, 2, 128)),
                field("a", new ArrowType.Timestamp(TimeUnit.MICROSECOND, null)),
                new Field(
                    "ts",
                    FieldType.nullable(ArrowType.List.INSTANCE),
                    List.of(field("element", new ArrowType.Timestamp(TimeUnit.MICROSECOND, null)))),
                field("d", new ArrowType.Date(DateUnit.DAY)),
                field("r", new ArrowType.FloatingPoint(FloatingPointPrecision.SINGLE)),
                field("n", new ArrowType.Int(32, true))));
    Dataset<Row> aligned = ArrowResultTypes.align(result, announced, ZONE);
    assertNotNull(aligned, "the batches can have the announced types");
    try (BufferAllocator allocator = new RootAllocator();
        VectorSchemaRoot root = VectorSchemaRoot.create(announced, allocator)) {
      ArrowBatchCursor cursor =
          ResultFetch.arrowBatches(spark, aligned, 100, ZONE, 1, "arrow-types", null, () -> {});
      try (ArrowRecordBatch batch = cursor.next(0, allocator)) {
        new VectorLoader(root).load(batch);
      }
      assertNull(cursor.next(0, allocator));
      assertEquals(1, root.getRowCount());
      assertEquals("1.50", root.getVector(0).getObject(0).toString());
      assertEquals("2024-02-29T12:34:56.123", root.getVector(1).getObject(0).toString());
      assertEquals(
          "2024-03-01T00:00",
          ((ListVector) root.getVector(2)).getDataVector().getObject(0).toString());
      assertEquals(2.5f, root.getVector(4).getObject(0));
      assertTrue(root.getVector(5).isNull(0));
    }
  }

  @Test
  void typesSparkCannotGiveAreRefused() {
    Dataset<Row> result = spark.sql("SELECT 1 AS i");
    assertNull(
        ArrowResultTypes.align(
            result, new Schema(List.of(field("i", ArrowType.Utf8.INSTANCE))), ZONE));
  }

  @Test
  void partsShareThePartitionsOutEachRowOnce() throws Exception {
    Dataset<Row> result = spark.range(0, 10_000, 1, 5).toDF("id");
    Schema announced = new Schema(List.of(field("id", new ArrowType.Int(64, true))));
    Dataset<Row> aligned = ArrowResultTypes.align(result, announced, ZONE);
    List<Long> finished = new ArrayList<>();
    spark.conf().set(ResultFetch.COLLECT_MAX_BYTES, "0");
    try (BufferAllocator allocator = new RootAllocator()) {
      ArrowBatchCursor cursor =
          ResultFetch.arrowBatches(
              spark, aligned, 1000, ZONE, 2, "arrow-parts", null, () -> finished.add(1L));
      assertEquals(2, cursor.parts());
      List<CompletableFuture<List<Long>>> parts = new ArrayList<>();
      for (int part = 0; part < 2; part++) {
        int p = part;
        parts.add(CompletableFuture.supplyAsync(() -> ids(cursor, p, announced, allocator)));
      }
      List<Long> first = parts.get(0).get();
      List<Long> second = parts.get(1).get();
      // Partitions 0-1 and 2-4 of five, each part in order.
      assertEquals(4_000, first.size());
      assertEquals(0L, first.get(0));
      assertEquals(6_000, second.size());
      assertEquals(4_000L, second.get(0));
      assertEquals(9_999L, second.get(second.size() - 1));
      assertEquals(List.of(1L), finished, "finished once, when both parts ended");
    } finally {
      spark.conf().unset(ResultFetch.COLLECT_MAX_BYTES);
    }
  }

  private static List<Long> ids(
      ArrowBatchCursor cursor, int part, Schema schema, BufferAllocator allocator) {
    List<Long> ids = new ArrayList<>();
    try (VectorSchemaRoot root = VectorSchemaRoot.create(schema, allocator)) {
      while (true) {
        try (ArrowRecordBatch batch = cursor.next(part, allocator)) {
          if (batch == null) {
            break;
          }
          new VectorLoader(root).load(batch);
        }
        BigIntVector vector = (BigIntVector) root.getVector(0);
        for (int i = 0; i < root.getRowCount(); i++) {
          ids.add(vector.get(i));
        }
      }
    }
    return ids;
  }

  private static Field field(String name, ArrowType type) {
    return new Field(name, FieldType.nullable(type), List.of());
  }
}
