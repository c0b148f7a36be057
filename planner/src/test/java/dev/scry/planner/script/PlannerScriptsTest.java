package dev.scry.planner.script;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.scry.testing.ScriptDifference;
import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.util.List;
import java.util.stream.Stream;
import net.hydromatic.quidem.Quidem;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Runs the planner's Quidem scripts, {@code src/test/resources/iq/*.iq}, against the planner alone: no
 * Spark, no gateway, no JDBC server. {@code !use planner} opens a {@link PlannerSession} over a fresh
 * {@link FixtureCatalog}; {@code !plan} prints what EXPLAIN prints, {@code !type} a query's columns,
 * {@code !predict} what each PREDICT carries and appends, {@code !error} the planner's error.
 *
 * <p>Quidem writes each script back with the actual output to {@code target/quidem-planner/}; the test fails
 * at the first line where that differs from the script. Run with {@code -Dscry.iq.update=true} to copy the
 * actual output over the scripts in {@code src/test/resources/iq/} instead (then read the diff); a script
 * whose output holds a stack trace (a failed command, an {@code !error} text that did not match) is not
 * copied.
 */
class PlannerScriptsTest {
  private static final String FOLDER = "iq";

  static List<String> scripts() throws IOException, URISyntaxException {
    try (Stream<Path> files = Files.list(scriptFolder())) {
      return files
          .map(f -> f.getFileName().toString())
          .filter(n -> n.endsWith(".iq"))
          .sorted()
          .toList();
    }
  }

  private static Path scriptFolder() throws URISyntaxException {
    return Path.of(PlannerScriptsTest.class.getResource("/" + FOLDER).toURI());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("scripts")
  void scriptOutputMatches(String script) throws Exception {
    Path source = scriptFolder().resolve(script);
    Path actual = Path.of("target", "quidem-planner", script).toAbsolutePath();
    Files.createDirectories(actual.getParent());
    try (Reader reader = Files.newBufferedReader(source, StandardCharsets.UTF_8);
        Writer writer = Files.newBufferedWriter(actual, StandardCharsets.UTF_8)) {
      Quidem.Config config =
          Quidem.configBuilder()
              .withReader(reader)
              .withWriter(writer)
              .withConnectionFactory(PlannerScriptsTest::connect)
              .withCommandHandler(PredictCommand.HANDLER)
              .build();
      new Quidem(config).execute();
    }
    List<String> expected = Files.readAllLines(source, StandardCharsets.UTF_8);
    List<String> produced = Files.readAllLines(actual, StandardCharsets.UTF_8);
    assertTrue(expected.stream().anyMatch(PlannerScriptsTest::isCheck), script + " checks nothing");
    if (Boolean.getBoolean("scry.iq.update")) {
      // A stack trace means a command failed or an !error text did not match: fix the script by
      // hand.
      assertTrue(
          produced.stream().noneMatch(line -> line.startsWith("\tat ")),
          script
              + " has a stack trace in its actual output "
              + actual
              + "; not copied over the script");
      Files.copy(
          actual,
          Path.of("src", "test", "resources", FOLDER, script),
          StandardCopyOption.REPLACE_EXISTING);
      return;
    }
    String difference = ScriptDifference.first(expected, produced);
    if (difference != null) {
      fail(script + " differs from its actual output " + actual + "\n" + difference);
    }
  }

  private static boolean isCheck(String line) {
    return List.of("!ok", "!plan", "!type", "!error", "!" + PredictCommand.NAME)
        .contains(line.strip());
  }

  /** {@code !use planner}: a planner session over a fresh fixture catalog; there are no reference connections. */
  private static Connection connect(String name, boolean reference) {
    if (reference || !"planner".equals(name)) {
      return null;
    }
    return PlannerJdbc.connect(FixtureCatalog.open());
  }
}
