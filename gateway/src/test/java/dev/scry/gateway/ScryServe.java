package dev.scry.gateway;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * A gateway started as users start it, {@code ./scry serve --config FILE}, in a JVM of its own (the
 * launcher's class path over gateway/target/lib and its SPARK_HOME), for tests on a Spark cluster.
 */
final class ScryServe implements AutoCloseable {
  private final ChildProcess process;
  private final String url;

  private ScryServe(ChildProcess process, String url) {
    this.process = process;
    this.url = url;
  }

  /** Writes {@code configYaml} to {@code dir}/scry.yaml and serves it; returns once the URL is printed. */
  static ScryServe start(Path dir, String configYaml) throws Exception {
    Files.createDirectories(dir);
    Path config = dir.resolve("scry.yaml");
    Files.writeString(config, configYaml);
    Path root = Path.of(System.getProperty("scry.root", "..")).toAbsolutePath().normalize();
    // The build ran already (the tests run after package): the launcher must not start another one.
    ChildProcess process =
        ChildProcess.start(
            "scry-serve",
            // --verbose: the statement log lines this class waits for come on standard error as
            // well.
            List.of(
                root.resolve("scry").toString(),
                "serve",
                "--config",
                config.toString(),
                "--verbose"),
            Map.of("SCRY_NO_BUILD", "1", "SCRY_JAVA_OPTS", "-Xmx1g"),
            dir);
    try {
      return new ScryServe(process, process.awaitLine(ReadyLine.PATTERN, 240).group(1));
    } catch (Exception | AssertionError e) {
      process.stop();
      throw e;
    }
  }

  Connection connect() throws SQLException {
    return DriverManager.getConnection(url);
  }

  ChildProcess process() {
    return process;
  }

  /**
   * The statement log line of the query whose SQL contains {@code marker}, once the gateway wrote it: how
   * many tasks ran where, how many failed and were retried.
   */
  StatementLog awaitStatement(String marker) throws InterruptedException {
    Matcher line =
        process.awaitLine(
            Pattern.compile(
                "Statement (\\S+) finished: (\\d+) task\\(s\\) on executors \\[([^]]*)\\], "
                    + "(\\d+) failed task attempt\\(s\\) retried, (\\d+) task\\(s\\) re-run.*"
                    + Pattern.quote(marker)),
            60);
    Set<String> executors =
        Arrays.stream(line.group(3).split(","))
            .map(String::trim)
            .filter(s -> !s.isEmpty())
            .collect(Collectors.toCollection(TreeSet::new));
    return new StatementLog(
        line.group(1),
        Integer.parseInt(line.group(2)),
        executors,
        Integer.parseInt(line.group(4)),
        Integer.parseInt(line.group(5)));
  }

  /** One statement log line, parsed. */
  record StatementLog(
      String jobGroup, int tasks, Set<String> executors, int failedTasks, int rerunTasks) {}

  @Override
  public void close() throws InterruptedException {
    process.stop();
  }
}
