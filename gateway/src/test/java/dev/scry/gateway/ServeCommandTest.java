package dev.scry.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.scry.gateway.startup.ServeLogging;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code scry serve} in a JVM of its own: it prints one line with the JDBC URL once it accepts
 * connections, and the demo answers README's first PREDICT query.
 */
class ServeCommandTest {
  private static final Pattern READY = Pattern.compile("Scry gateway ready: (jdbc:scry://\\S+)");

  @TempDir
  Path work;

  @Test
  void servePrintsItsUrlAndTheDemoScores() throws Exception {
    Path config = work.resolve("scry.yaml");
    Files.writeString(config, """
        server:
          host: 127.0.0.1
          port: 0
        warehouse: %s
        spark:
          master: local[2]
          conf:
            spark.sql.shuffle.partitions: "2"
        demo: true
        """.formatted(work.resolve("warehouse")));
    List<String> jvm = new ArrayList<>(List.of("-Xmx1g",
        "-D" + ServeLogging.DIR_PROPERTY + "=" + ScannedLogs.newDirectory("serve-command")));
    jvm.addAll(List.of(System.getProperty("scry.spark.jvm.flags", "").split("\\s+")));
    jvm.removeIf(String::isBlank);
    Process process = new ProcessBuilder(JavaProcess.withTestClassPath(work, ScryMain.class.getName(), jvm,
        List.of("serve", "--config", config.toString()))).redirectErrorStream(true).start();
    try {
      String url = awaitUrl(process);
      try (Connection connection = DriverManager.getConnection(url);
          Statement statement = connection.createStatement();
          ResultSet rs = statement.executeQuery(Readme.FIRST_QUERY)) {
        int rows = 0;
        while (rs.next()) {
          rows++;
          double probability = rs.getDouble("churn_probability");
          assertTrue(probability > 0 && probability < 1, "probability " + probability);
          assertEquals(probability > 0.5 ? 1 : 0, rs.getLong("churn_label"));
        }
        assertEquals(10, rows);
      }
    } finally {
      process.destroy();
      if (!process.waitFor(30, TimeUnit.SECONDS)) {
        process.destroyForcibly();
      }
    }
  }

  private static String awaitUrl(Process process) throws Exception {
    BufferedReader lines = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
    StringBuilder seen = new StringBuilder();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(180);
    String line;
    while (System.nanoTime() < deadline && (line = lines.readLine()) != null) {
      seen.append(line).append('\n');
      Matcher ready = READY.matcher(line);
      if (ready.find()) {
        Thread drain = new Thread(() -> lines.lines().forEach(l -> { }), "serve-output");
        drain.setDaemon(true);
        drain.start();
        return ready.group(1);
      }
    }
    throw new AssertionError("scry serve did not print its URL; output:\n" + seen);
  }
}
