package dev.scry.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.scry.testing.TestData;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A client with only scry-jdbc.jar on its class path scores iris through a running gateway. */
class ShadedDriverClientTest {
  @TempDir Path work;

  @Test
  void bareClientWithTheShadedDriverRunsTheIrisQuery() throws Exception {
    Path driverJar =
        Path.of(System.getProperty("scry.jdbc.jar", "../jdbc-driver/target/scry-jdbc.jar"));
    assertTrue(
        Files.isRegularFile(driverJar),
        "the shaded driver is built by the jdbc-driver module before the gateway's tests: "
            + driverJar);
    Path probe = work.resolve("IrisQueryProbe.java");
    try (var in = getClass().getResourceAsStream("/probe/IrisQueryProbe.java")) {
      Files.copy(in, probe);
    }
    try (RunningGateway gateway = RunningGateway.start(work)) {
      try (Connection connection = gateway.connect();
          Statement statement = connection.createStatement()) {
        statement.execute(
            "CREATE EXTERNAL TABLE iris STORED AS CSV LOCATION '"
                + TestData.uri(TestData.data("iris.csv"))
                + "' OPTIONS (header 'true')");
        statement.execute(
            "CREATE MODEL iris_rf FROM '"
                + TestData.uri(TestData.model("skl2onnx_rf_iris.onnx"))
                + "'");
      }
      String output =
          run(
              List.of(
                  GatewayJvm.javaBinary(),
                  "-cp",
                  driverJar.toString(),
                  probe.toString(),
                  gateway.url()));
      Matcher counts = Pattern.compile("rows=(\\d+) agreeing=(\\d+)").matcher(output);
      assertTrue(counts.find(), output);
      assertEquals(150, Integer.parseInt(counts.group(1)), output);
      assertTrue(Integer.parseInt(counts.group(2)) >= 147, output);
      // getFunctions asks the gateway through the shaded driver's own DatabaseMetaData: PREDICT's
      // two forms.
      assertTrue(output.contains("predictFunctions=2"), output);
    }
  }

  private String run(List<String> command) throws IOException, InterruptedException {
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    boolean finished = process.waitFor(120, TimeUnit.SECONDS);
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!finished) {
      process.destroyForcibly();
    }
    assertTrue(finished, "client did not finish: " + output);
    assertEquals(0, process.exitValue(), output);
    return output;
  }
}
