package dev.scry.engine.predict;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.onnxruntime.OrtSession;
import dev.scry.planner.predict.ModelRef;
import dev.scry.testing.TestData;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class OrtSessionCacheTest {
  private static final String MODEL = "skl2onnx_rf_iris.onnx";

  @Test
  void oneSessionPerModelVersionLoadedOnceUntilReleased() throws Exception {
    AtomicInteger loads = new AtomicInteger();
    HadoopModelBytes hadoop = new HadoopModelBytes();
    OrtSessionCache cache =
        new OrtSessionCache(
            model -> {
              loads.incrementAndGet();
              return hadoop.read(model);
            },
            1);
    ModelRef v1 = ref("iris", 1, TestData.sha256(MODEL));
    ModelRef sameBytesOtherName =
        ref("iris_copy", 7, TestData.sha256(MODEL).toUpperCase(Locale.ROOT));

    OrtSession first = session(cache, v1);
    assertSame(first, session(cache, v1));
    assertSame(first, session(cache, sameBytesOtherName));
    assertEquals(1, loads.get());
    assertEquals("float_input", first.getInputNames().iterator().next());

    assertTrue(cache.release(v1.sha256()));
    assertFalse(cache.isOpen(v1.sha256()));
    assertFalse(cache.release(v1.sha256()));
    OrtSession second = session(cache, v1);
    assertEquals(2, loads.get());
    assertTrue(second != first);
    cache.release(v1.sha256());
  }

  @Test
  void bytesThatDoNotMatchTheRegisteredShaAreRefused() {
    OrtSessionCache cache = new OrtSessionCache(new HadoopModelBytes(), 1);
    String wrong = TestData.sha256("onnxmltools2018_linreg_batch1.onnx");
    ModelScoringException e =
        assertThrows(ModelScoringException.class, () -> session(cache, ref("iris", 2, wrong)));
    assertTrue(
        e.getMessage().contains("iris:2")
            && e.getMessage().contains("SHA-256")
            && e.getMessage().contains(TestData.sha256(MODEL)),
        e.getMessage());
    assertFalse(cache.isOpen(wrong));
  }

  @Test
  void aMissingFileNamesTheModelAndLocation() {
    OrtSessionCache cache = new OrtSessionCache(new HadoopModelBytes(), 1);
    String location =
        TestData.root().resolve("models").resolve("no_such_model.onnx").toUri().toString();
    ModelScoringException e =
        assertThrows(
            ModelScoringException.class,
            () -> session(cache, new ModelRef("ghost", 1, location, "00")));
    assertTrue(
        e.getMessage().contains("ghost:1") && e.getMessage().contains("no_such_model.onnx"),
        e.getMessage());
  }

  @Test
  void bytesOnnxRuntimeCannotLoadAreReportedWithTheModelName() {
    byte[] notOnnx = TestData.bytes(TestData.data("iris.csv"));
    OrtSessionCache cache = new OrtSessionCache(model -> notOnnx, 1);
    ModelScoringException e =
        assertThrows(
            ModelScoringException.class,
            () ->
                session(
                    cache,
                    new ModelRef(
                        "broken", 3, "file:/broken.onnx", OrtSessionCache.sha256(notOnnx))));
    assertTrue(
        e.getMessage().startsWith("ONNX Runtime cannot load model broken:3"), e.getMessage());
  }

  private static ModelRef ref(String name, int version, String sha256) {
    return new ModelRef(name, version, TestData.model(MODEL).toUri().toString(), sha256);
  }

  @Test
  void aReleasedSessionStaysUsableUntilItsLastLeaseCloses() throws Exception {
    OrtSessionCache cache = new OrtSessionCache(new HadoopModelBytes(), 1);
    ModelRef v1 = ref("iris", 1, TestData.sha256(MODEL));
    float[][] row = {{5.1f, 3.5f, 1.4f, 0.2f}};
    try (OrtSessionCache.Lease scoring = cache.acquire(v1)) {
      assertTrue(cache.release(v1.sha256()), "DROP MODEL while a batch scores");
      assertFalse(cache.isOpen(v1.sha256()));
      ai.onnxruntime.OrtEnvironment env = ai.onnxruntime.OrtEnvironment.getEnvironment();
      try (ai.onnxruntime.OnnxTensor input = ai.onnxruntime.OnnxTensor.createTensor(env, row);
          OrtSession.Result result = scoring.session().run(Map.of("float_input", input))) {
        assertEquals(
            0L, ((long[]) result.get(0).getValue())[0], "the leased session still scores: setosa");
      }
    }
    try (OrtSessionCache.Lease next = cache.acquire(v1)) {
      assertTrue(cache.isOpen(v1.sha256()), "a later use opens a new session");
      assertEquals("float_input", next.session().getInputNames().iterator().next());
    }
    cache.release(v1.sha256());
  }

  /** Acquires and at once gives back a lease: the session stays cached until released. */
  private static OrtSession session(OrtSessionCache cache, ModelRef model) {
    try (OrtSessionCache.Lease lease = cache.acquire(model)) {
      return lease.session();
    }
  }
}
