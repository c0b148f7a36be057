package dev.scry.engine.predict;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.onnxruntime.OrtSession;
import dev.scry.engine.testing.TestData;
import dev.scry.planner.predict.ModelRef;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class OrtSessionCacheTest {
  private static final String MODEL = "skl2onnx_rf_iris.onnx";

  @Test
  void oneSessionPerModelVersionLoadedOnceUntilReleased() throws Exception {
    AtomicInteger loads = new AtomicInteger();
    HadoopModelBytes hadoop = new HadoopModelBytes();
    OrtSessionCache cache = new OrtSessionCache(model -> {
      loads.incrementAndGet();
      return hadoop.read(model);
    }, 1);
    ModelRef v1 = ref("iris", 1, TestData.sha256(MODEL));
    ModelRef sameBytesOtherName = ref("iris_copy", 7, TestData.sha256(MODEL).toUpperCase(java.util.Locale.ROOT));

    OrtSession first = cache.session(v1);
    assertSame(first, cache.session(v1));
    assertSame(first, cache.session(sameBytesOtherName));
    assertEquals(1, loads.get());
    assertEquals("float_input", first.getInputNames().iterator().next());

    assertTrue(cache.release(v1.sha256()));
    assertFalse(cache.isOpen(v1.sha256()));
    assertFalse(cache.release(v1.sha256()));
    OrtSession second = cache.session(v1);
    assertEquals(2, loads.get());
    assertTrue(second != first);
    cache.release(v1.sha256());
  }

  @Test
  void bytesThatDoNotMatchTheRegisteredShaAreRefused() {
    OrtSessionCache cache = new OrtSessionCache(new HadoopModelBytes(), 1);
    String wrong = TestData.sha256("onnxmltools2018_linreg_batch1.onnx");
    ModelScoringException e = assertThrows(ModelScoringException.class, () -> cache.session(ref("iris", 2, wrong)));
    assertTrue(e.getMessage().contains("iris:2") && e.getMessage().contains("SHA-256")
        && e.getMessage().contains(TestData.sha256(MODEL)), e.getMessage());
    assertFalse(cache.isOpen(wrong));
  }

  @Test
  void aMissingFileNamesTheModelAndLocation() {
    OrtSessionCache cache = new OrtSessionCache(new HadoopModelBytes(), 1);
    String location = TestData.root().resolve("models").resolve("no_such_model.onnx").toUri().toString();
    ModelScoringException e = assertThrows(ModelScoringException.class,
        () -> cache.session(new ModelRef("ghost", 1, location, "00")));
    assertTrue(e.getMessage().contains("ghost:1") && e.getMessage().contains("no_such_model.onnx"), e.getMessage());
  }

  @Test
  void bytesOnnxRuntimeCannotLoadAreReportedWithTheModelName() {
    byte[] notOnnx = TestData.bytes(TestData.data("iris.csv"));
    OrtSessionCache cache = new OrtSessionCache(model -> notOnnx, 1);
    ModelScoringException e = assertThrows(ModelScoringException.class,
        () -> cache.session(new ModelRef("broken", 3, "file:/broken.onnx", OrtSessionCache.sha256(notOnnx))));
    assertTrue(e.getMessage().startsWith("ONNX Runtime cannot load model broken:3"), e.getMessage());
  }

  private static ModelRef ref(String name, int version, String sha256) {
    return new ModelRef(name, version, TestData.model(MODEL).toUri().toString(), sha256);
  }
}
