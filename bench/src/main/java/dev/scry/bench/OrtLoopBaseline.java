package dev.scry.bench;

import ai.onnxruntime.OnnxMap;
import ai.onnxruntime.OnnxSequence;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OnnxValue;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import dev.scry.engine.predict.UnzippedModel;
import java.nio.FloatBuffer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * The ceiling for PREDICT: ONNX Runtime's Java API scoring rows already in memory, in batches, on
 * {@code threads} threads sharing one session with one intra-op thread (as Scry's executors do), and
 * averaging the probability of class 1. The loop is given the model at its fastest: a ZipMap output is
 * unzipped into its [N, classes] tensor (as Scry itself scores it, see {@link UnzippedModel}) and only the
 * probability output is fetched, so the ratio measures what Scry adds to ONNX Runtime, not decoding
 * that both could skip.
 */
final class OrtLoopBaseline implements AutoCloseable {
  private final OrtEnvironment env = OrtEnvironment.getEnvironment();
  private final OrtSession session;
  private final List<InputSlice> inputs;
  private final String probabilityOutput;

  /** The column of class 1 in the probability tensor. */
  private final int classOneColumn;

  private final ExecutorService pool;
  private final int threads;

  /** A model input fed from {@code width} consecutive columns of the rows, starting at {@code firstColumn}. */
  record InputSlice(String name, int firstColumn, int width) {}

  OrtLoopBaseline(byte[] model, List<InputSlice> inputs, String probabilityOutput, int threads)
      throws OrtException {
    OrtSession.SessionOptions options = new OrtSession.SessionOptions();
    options.setIntraOpNumThreads(1);
    UnzippedModel unzipped = UnzippedModel.of(model);
    UnzippedModel.ClassTensor classes = unzipped.classTensors().get(probabilityOutput);
    this.session = env.createSession(unzipped.bytes(), options);
    this.inputs = List.copyOf(inputs);
    this.probabilityOutput = classes == null ? probabilityOutput : classes.tensorName();
    this.classOneColumn = classes == null ? 1 : classes.columnOf("1");
    this.threads = threads;
    this.pool = Executors.newFixedThreadPool(threads);
  }

  /**
   * Scores every row of {@code rows} (row after row, {@code width} values each) and returns the mean
   * probability of class 1.
   */
  double score(float[] rows, int width, int batchSize) throws Exception {
    int count = rows.length / width;
    int chunk = (count + threads - 1) / threads;
    List<Future<Double>> sums = new ArrayList<>();
    for (int t = 0; t < threads; t++) {
      int from = Math.min(count, t * chunk);
      int to = Math.min(count, from + chunk);
      sums.add(pool.submit(() -> scoreRange(rows, width, from, to, batchSize)));
    }
    double sum = 0;
    for (Future<Double> part : sums) {
      sum += part.get();
    }
    return sum / count;
  }

  private double scoreRange(float[] rows, int width, int from, int to, int batchSize)
      throws OrtException {
    double sum = 0;
    for (int start = from; start < to; start += batchSize) {
      int n = Math.min(batchSize, to - start);
      Map<String, OnnxTensor> tensors = new HashMap<>();
      try {
        for (InputSlice slice : inputs) {
          FloatBuffer buffer = FloatBuffer.allocate(n * slice.width());
          for (int i = 0; i < n; i++) {
            buffer.put(rows, (start + i) * width + slice.firstColumn(), slice.width());
          }
          buffer.flip();
          tensors.put(
              slice.name(), OnnxTensor.createTensor(env, buffer, new long[] {n, slice.width()}));
        }
        try (OrtSession.Result result = session.run(tensors, Set.of(probabilityOutput))) {
          sum += sumOfClassOne(result.get(probabilityOutput).orElseThrow());
        }
      } finally {
        tensors.values().forEach(OnnxTensor::close);
      }
    }
    return sum;
  }

  private double sumOfClassOne(OnnxValue value) throws OrtException {
    double sum = 0;
    if (value instanceof OnnxSequence sequence) {
      for (Object map : sequence.getValue()) {
        Map<?, ?> probabilities = ((OnnxMap) map).getValue();
        for (Map.Entry<?, ?> entry : probabilities.entrySet()) {
          if (String.valueOf(entry.getKey()).equals("1")) {
            sum += ((Number) entry.getValue()).doubleValue();
          }
        }
      }
    } else if (value instanceof OnnxTensor tensor) {
      long[] shape = tensor.getInfo().getShape();
      int columns = shape.length < 2 ? 1 : (int) shape[1];
      int column = Math.min(classOneColumn, columns - 1);
      FloatBuffer probabilities = tensor.getFloatBuffer();
      for (int at = column; at < probabilities.limit(); at += columns) {
        sum += probabilities.get(at);
      }
    }
    return sum;
  }

  @Override
  public void close() throws OrtException {
    pool.shutdownNow();
    session.close();
  }
}
