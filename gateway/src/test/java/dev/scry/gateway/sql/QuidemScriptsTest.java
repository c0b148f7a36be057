package dev.scry.gateway.sql;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.fail;

import dev.scry.gateway.RunningGateway;
import dev.scry.testing.ScriptDifference;
import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.stream.Stream;
import net.hydromatic.quidem.Quidem;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Runs the Quidem scripts in {@code src/test/resources/sql/*.iq} through the Scry driver against one
 * running gateway, over the tables of {@link ScriptTables}. Quidem writes each script back with the
 * actual results to {@code target/quidem/}; the test fails with the first difference when that differs
 * from the script. To adopt a changed result, check it against spark.sql and copy the actual file over
 * the script (docs/sql-reference.md, "SQL script tests").
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class QuidemScriptsTest {

  @TempDir static Path work;

  private RunningGateway gateway;

  @BeforeAll
  void start() throws SQLException {
    gateway = RunningGateway.start(work);
    try (Connection connection = gateway.connect()) {
      ScriptTables.create(gateway.spark(), connection, work.resolve("tables"));
    }
  }

  @AfterAll
  void stop() {
    if (gateway != null) {
      gateway.close();
    }
  }

  static List<String> scripts() throws IOException, URISyntaxException {
    try (Stream<Path> files = Files.list(scriptFolder())) {
      return files
          .map(f -> f.getFileName().toString())
          .filter(n -> n.endsWith(".iq"))
          .sorted()
          .toList();
    }
  }

  static Path scriptFolder() throws URISyntaxException {
    return Path.of(QuidemScriptsTest.class.getResource("/sql").toURI());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("scripts")
  void scriptOutputMatches(String script) throws Exception {
    Path source = scriptFolder().resolve(script);
    Path actual = Path.of("target", "quidem", script).toAbsolutePath();
    Files.createDirectories(actual.getParent());
    try (Reader reader = Files.newBufferedReader(source, StandardCharsets.UTF_8);
        Writer writer = Files.newBufferedWriter(actual, StandardCharsets.UTF_8)) {
      Quidem.Config config =
          Quidem.configBuilder()
              .withReader(reader)
              .withWriter(writer)
              .withConnectionFactory(this::connect)
              .build();
      new Quidem(config).execute();
    }
    List<String> expected = Files.readAllLines(source, StandardCharsets.UTF_8);
    List<String> produced = Files.readAllLines(actual, StandardCharsets.UTF_8);
    assertFalse(
        expected.stream().noneMatch(line -> line.equals("!ok")), script + " checks no results");
    String difference = ScriptDifference.first(expected, produced);
    if (difference != null) {
      fail(script + " differs from its actual output " + actual + "\n" + difference);
    }
  }

  /** Quidem's {@code !use scry} opens a driver connection to the running gateway. */
  private Connection connect(String name, boolean reference) throws SQLException {
    if (reference || !"scry".equals(name)) {
      return null;
    }
    return gateway.connect();
  }
}
