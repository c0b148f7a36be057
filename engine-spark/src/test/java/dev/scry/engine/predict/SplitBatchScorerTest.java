package dev.scry.engine.predict;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtSession;
import dev.scry.engine.testing.CalciteRowTypes;
import dev.scry.planner.model.OnnxModelReader;
import dev.scry.planner.predict.ModelRef;
import dev.scry.planner.predict.PredictBinder;
import dev.scry.planner.predict.PredictSpec;
import dev.scry.testing.TestData;
import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.calcite.jdbc.JavaTypeFactoryImpl;
import org.apache.spark.SparkConf;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.ArrayType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import scala.jdk.javaapi.CollectionConverters;

/** A batch scored in parts on helper threads gives what the whole batch gives, in order. */
class SplitBatchScorerTest {
  private static final String MODEL = "skl2onnx_rf_iris.onnx";
  private static OrtSession session;
  private static UnzippedModel unzipped;
  private static PredictSpec spec;
  private static ExecutorService pool;

  @BeforeAll
  static void loadModel() throws Exception {
    byte[] bytes = TestData.bytes(TestData.model(MODEL));
    unzipped = UnzippedModel.of(bytes);
    session = OrtEnvironment.getEnvironment().createSession(unzipped.bytes());
    StructType schema =
        new StructType().add("float_input", new ArrayType(DataTypes.FloatType, false), false);
    JavaTypeFactoryImpl types = new JavaTypeFactoryImpl();
    spec =
        PredictBinder.bind(
                new ModelRef(
                    "rf_iris", 1, TestData.model(MODEL).toUri().toString(), TestData.sha256(MODEL)),
                OnnxModelReader.read(bytes),
                1024,
                CalciteRowTypes.of(schema, types),
                types)
            .spec();
    pool = Executors.newFixedThreadPool(3);
  }

  @AfterAll
  static void close() throws Exception {
    pool.shutdownNow();
    session.close();
  }

  private static BatchScorer scorer() {
    return new BatchScorer(spec, session, unzipped.classTensors());
  }

  /** Iris's 150 rows, repeated up to {@code count} rows. */
  private static List<Row> iris(int count) throws IOException {
    List<String> lines = Files.readAllLines(TestData.data("iris.csv"));
    List<Row> rows = new ArrayList<>();
    for (int i = 0; rows.size() < count; i++) {
      String[] f = lines.get(1 + i % (lines.size() - 1)).split(",");
      List<Object> values = new ArrayList<>();
      for (int c = 1; c <= 4; c++) {
        values.add(Float.parseFloat(f[c]));
      }
      rows.add(RowFactory.create(CollectionConverters.asScala(values).toSeq()));
    }
    return rows;
  }

  @Test
  void partsOnHelperThreadsScoreLikeTheWholeBatch() throws Exception {
    List<Row> rows = iris(1000);
    Object[][] whole = scorer().score(rows);
    AtomicInteger made = new AtomicInteger();
    SplitBatchScorer split =
        new SplitBatchScorer(
            () -> {
              made.incrementAndGet();
              return scorer();
            });
    for (int helpers = 0; helpers <= 3; helpers++) {
      Object[][] parts = split.score(rows, helpers, pool);
      assertEquals(rows.size(), parts.length);
      for (int r = 0; r < rows.size(); r++) {
        assertArrayEquals(whole[r], parts[r], "row " + r + " with " + helpers + " helpers");
      }
    }
    assertEquals(4, made.get(), "a scorer per part, kept for the next batches");
  }

  @Test
  void aBatchTooSmallToSplitIsScoredWholeOnTheCallingThread() throws Exception {
    AtomicInteger made = new AtomicInteger();
    SplitBatchScorer split =
        new SplitBatchScorer(
            () -> {
              made.incrementAndGet();
              return scorer();
            });
    List<Row> rows = iris(2 * SplitBatchScorer.MIN_PART_ROWS - 1);
    Object[][] values = split.score(rows, 3, pool);
    assertEquals(rows.size(), values.length);
    assertEquals(1, made.get());
  }

  @Test
  void aFailingPartFailsTheBatchWithItsOwnError() throws Exception {
    List<Row> rows = new ArrayList<>(iris(400));
    // Only the last part has a bad row: an ARRAY of three values for a four-value input.
    rows.set(399, RowFactory.create(CollectionConverters.asScala(List.of(1f, 2f, 3f)).toSeq()));
    SplitBatchScorer split = new SplitBatchScorer(SplitBatchScorerTest::scorer);
    ModelScoringException e =
        assertThrows(ModelScoringException.class, () -> split.score(rows, 3, pool));
    assertTrue(e.getMessage().contains("ARRAY of 3 values"), e.getMessage());
    // The scorers are usable again afterwards.
    assertEquals(300, split.score(rows.subList(0, 300), 3, pool).length);
  }

  @Test
  void helpersAreTheSlotsNoScoringPartitionHolds() {
    IdleCores cores = new IdleCores(2);
    IdleCores.Scoring one = cores.startScoring();
    assertEquals(1, one.helpers(), "alone on two slots");
    IdleCores.Scoring two = cores.startScoring();
    assertEquals(0, one.helpers(), "every slot scores");
    two.close();
    two.close(); // counted once
    assertEquals(1, one.helpers());
    one.close();
    IdleCores four = new IdleCores(4);
    IdleCores.Scoring a = four.startScoring();
    IdleCores.Scoring b = four.startScoring();
    assertEquals(1, a.helpers(), "two partitions share two idle slots");
    a.close();
    b.close();
  }

  @Test
  void slotsComeFromTheExecutorsCoresOrTheLocalMaster() {
    assertEquals(3, IdleCores.slotsOf(new SparkConf().set("spark.master", "local[3]"), 8));
    assertEquals(8, IdleCores.slotsOf(new SparkConf().set("spark.master", "local[*]"), 8));
    assertEquals(1, IdleCores.slotsOf(new SparkConf().set("spark.master", "local"), 8));
    assertEquals(
        1, IdleCores.slotsOf(new SparkConf().set("spark.master", "local-cluster[2,1,1024]"), 8));
    assertEquals(
        2,
        IdleCores.slotsOf(
            new SparkConf().set("spark.master", "local[4]").set("spark.task.cpus", "2"), 8));
    assertEquals(
        4,
        IdleCores.slotsOf(
            new SparkConf().set("spark.master", "spark://h:7077").set("spark.executor.cores", "4"),
            8));
  }
}
