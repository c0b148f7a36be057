package dev.scry.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerEvent;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.execution.ui.SparkListenerSQLExecutionStart;
import org.junit.jupiter.api.Test;

/**
 * Without the web UI, Spark's listeners get the simple rendering of each execution's physical plan (the
 * formatted one costs more on every statement and nothing shows it); the UI, or a mode the settings
 * name, keeps Spark's choice.
 */
class SparkSessionFactoryTest {
  @Test
  void withoutTheUiListenersGetTheSimplePlanDescription() throws Exception {
    SparkSession spark = TestSpark.session();
    assertEquals("simple", spark.conf().get("spark.sql.ui.explainMode"));
    List<String> descriptions = new CopyOnWriteArrayList<>();
    SparkListener listener =
        new SparkListener() {
          @Override
          public void onOtherEvent(SparkListenerEvent event) {
            if (event instanceof SparkListenerSQLExecutionStart start) {
              descriptions.add(start.physicalPlanDescription());
            }
          }
        };
    spark.sparkContext().addSparkListener(listener);
    try {
      assertEquals(6, spark.range(10).filter("id > 3").collectAsList().size());
      spark.sparkContext().listenerBus().waitUntilEmpty(10_000);
    } finally {
      spark.sparkContext().removeSparkListener(listener);
    }
    assertFalse(descriptions.isEmpty(), "an SQL execution started");
    String description = descriptions.get(descriptions.size() - 1);
    assertTrue(description.contains("== Physical Plan =="), description);
    // The formatted mode lists each operator's details under its id: "(1) Range ... Output [1]:
    // ...".
    assertFalse(description.contains("Output ["), description);
  }

  @Test
  void theUiOrANamedModeKeepsSparksChoice() {
    assertEquals(Optional.of("simple"), SparkSessionFactory.explainModeWithoutUi(Map.of()));
    assertEquals(
        Optional.of("simple"),
        SparkSessionFactory.explainModeWithoutUi(Map.of("spark.ui.enabled", "false")));
    assertEquals(
        Optional.empty(),
        SparkSessionFactory.explainModeWithoutUi(Map.of("spark.ui.enabled", "true")));
    assertEquals(
        Optional.empty(),
        SparkSessionFactory.explainModeWithoutUi(Map.of("spark.sql.ui.explainMode", "formatted")));
  }
}
