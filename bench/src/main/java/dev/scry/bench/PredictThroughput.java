package dev.scry.bench;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * P1 at every size: the PREDICT query through JDBC against ONNX Runtime in a tight loop over the same
 * rows with the same threads, each size measured side by side (Scry's runs, then the loop's). The loop's
 * session is made once and scores every size.
 */
final class PredictThroughput {
  /** From this size on the statement's fixed cost should be small beside scoring. */
  static final long LARGE = 1_000_000;

  private final Sampler sampler;
  private final Connection connection;
  private final BenchData data;
  private final ScoringModel model;
  private final int threads;

  PredictThroughput(
      Sampler sampler, Connection connection, BenchData data, ScoringModel model, int threads) {
    this.sampler = Objects.requireNonNull(sampler, "sampler");
    this.connection = Objects.requireNonNull(connection, "connection");
    this.data = Objects.requireNonNull(data, "data");
    this.model = Objects.requireNonNull(model, "model");
    this.threads = threads;
  }

  /** One result per size, in the order given; the table of size n is {@link #table(long)}. */
  List<BenchResult> atSizes(List<Long> sizes) throws Exception {
    List<BenchResult> results = new ArrayList<>();
    try (OrtLoopBaseline baseline =
        new OrtLoopBaseline(model.bytes(), model.inputs(), model.probabilityOutput(), threads)) {
      for (long size : sizes) {
        results.add(atSize(size, baseline));
      }
    }
    return results;
  }

  private BenchResult atSize(long size, OrtLoopBaseline baseline) throws Exception {
    String label = label(size);
    String query = model.predictQuery(table(size));
    Measure scry = sampler.seconds("P1 " + label + " PREDICT through JDBC", () -> single(query));
    Measure ort = loop(size, label, baseline);
    double ratio = ort.median() / scry.median();
    double target = size >= LARGE ? 0.9 : 0.6;
    return new BenchResult(
        "P1-" + label,
        String.format(
            Locale.ROOT,
            "PREDICT throughput (%s, %,d rows, %d threads) ÷ ONNX Runtime loop",
            model.name(),
            size,
            threads),
        BenchReport.seconds(scry),
        BenchReport.seconds(ort),
        BenchReport.ratio(ratio),
        "≥ " + target,
        ratio >= target);
  }

  /** The loop over the rows of size {@code size}, held only while it runs (10,000,000 rows: 160 MB). */
  private Measure loop(long size, String label, OrtLoopBaseline baseline) throws Exception {
    float[] rows = data.measurements(data.predictTable(size));
    return sampler.seconds(
        "P1 " + label + " ONNX Runtime loop",
        () -> baseline.score(rows, BenchData.MEASUREMENTS, 1024));
  }

  /** The catalog table of P1's rows at {@code size}. */
  static String table(long size) {
    return "bench.predict_" + size;
  }

  /** 100k, 1M, 10M; other sizes as they are. */
  static String label(long size) {
    if (size >= 1_000_000 && size % 1_000_000 == 0) {
      return size / 1_000_000 + "M";
    }
    if (size >= 1_000 && size % 1_000 == 0) {
      return size / 1_000 + "k";
    }
    return Long.toString(size);
  }

  private Object single(String sql) throws SQLException {
    try (Statement statement = connection.createStatement();
        ResultSet rs = statement.executeQuery(sql)) {
      if (!rs.next()) {
        throw new IllegalStateException("no row from " + sql);
      }
      return rs.getObject(1);
    }
  }
}
