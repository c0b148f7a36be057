package dev.scry.distribution;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.scry.gateway.ReadyLine;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * The tarball as a user gets it: unpacked into an empty folder, started with its own {@code bin/scry
 * serve} on the embedded defaults (a free port, the warehouse in a fresh working folder), and asked
 * the README's demo query through the driver jar it contains; then {@code bin/scry sql} through the
 * same jar. Nothing of the source tree or of Maven is on the gateway's path.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class TarballIT {
  private static final Duration READY = Duration.ofMinutes(5);
  private static final Duration SQLLINE = Duration.ofMinutes(3);
  private static final String DEMO_QUERY =
      """
      SELECT customer_id, churn_probability, churn_label
      FROM PREDICT(MODEL => 'churn', DATA => TABLE demo.customers)
      ORDER BY customer_id
      LIMIT 10""";

  private Path dir;
  private Installation installation;
  private Path work;
  private ServeProcess serve;

  @BeforeAll
  void unpackAndServe(@TempDir Path tempDir) throws IOException, InterruptedException {
    dir = tempDir;
    Path tarball = Path.of(System.getProperty("scry.dist.tarball"));
    Path into = Files.createDirectory(dir.resolve("install"));
    installation = Installation.unpack(tarball, into, System.getProperty("scry.dist.name"));
    work = Files.createDirectory(dir.resolve("work"));
    serve =
        ServeProcess.start(
            installation.launcher(), work, List.of("--port", "0", "--flight-port", "0"), READY);
  }

  @AfterAll
  void stop() throws InterruptedException {
    if (serve != null) {
      serve.close();
    }
  }

  @Test
  void holdsWhatItPromises() throws IOException {
    Path home = installation.home();
    assertTrue(Files.isExecutable(home.resolve("bin/scry")));
    for (String file :
        List.of(
            "conf/scry.yaml",
            "conf/spark-jvm.options",
            "spark-home/spark-jvm.options",
            "docs/deployment.md",
            "LICENSE",
            "NOTICE")) {
      assertTrue(Files.isRegularFile(home.resolve(file)), file);
    }
    try (var lib = Files.list(home.resolve("lib"))) {
      List<String> jars = lib.map(jar -> jar.getFileName().toString()).toList();
      assertTrue(jars.stream().anyMatch(jar -> jar.startsWith("scry-gateway-")), "gateway jar");
      assertTrue(jars.stream().anyMatch(jar -> jar.startsWith("spark-core_")), "Spark");
      assertFalse(jars.stream().anyMatch(jar -> jar.startsWith("junit")), "no test jars: " + jars);
    }
    assertFalse(
        Files.readString(home.resolve("bin/scry")).contains("mvnw"), "bin/scry builds nothing");
  }

  @Test
  void servesTheDemoQueryThroughItsOwnDriverJar() throws Exception {
    assertTrue(
        ReadyLine.flightUrl(serve.readyLine()).isPresent(),
        "--flight-port 0 turns Flight SQL on: " + serve.readyLine());
    try (DriverJar driver = DriverJar.load(installation.driverJar());
        Connection connection = driver.connect(serve.jdbcUrl());
        Statement statement = connection.createStatement();
        ResultSet rows = statement.executeQuery(DEMO_QUERY)) {
      assertSame(driver.classLoader(), connection.getClass().getClassLoader());
      long expectedId = 1;
      while (rows.next()) {
        assertEquals(expectedId++, rows.getObject("customer_id"));
        float probability = (Float) rows.getObject("churn_probability");
        assertTrue(probability >= 0 && probability <= 1, "a probability: " + probability);
        assertEquals(probability > 0.5 ? 1L : 0L, rows.getObject("churn_label"));
      }
      assertEquals(11, expectedId, "ten rows");
    }
  }

  @Test
  void sqlCommandRunsSqllineThroughTheDriverJar() throws IOException, InterruptedException {
    Path out = dir.resolve("sql.out");
    List<String> command =
        new ArrayList<>(
            List.of(
                installation.launcher().toString(),
                "sql",
                "--url",
                serve.jdbcUrl(),
                "--",
                "--outputformat=csv",
                "--showHeader=false",
                "-e",
                "SELECT COUNT(*) FROM demo.customers;"));
    ProcessBuilder builder =
        new ProcessBuilder(command)
            .directory(dir.toFile())
            .redirectErrorStream(true)
            .redirectOutput(out.toFile())
            .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()));
    builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
    Process sql = builder.start();
    try {
      assertTrue(sql.waitFor(SQLLINE.toSeconds(), TimeUnit.SECONDS), "bin/scry sql ended");
    } finally {
      sql.destroyForcibly();
    }
    String printed = Files.readString(out, StandardCharsets.UTF_8);
    assertEquals(0, sql.exitValue(), printed);
    assertTrue(
        printed.lines().map(line -> line.strip().replace("'", "")).anyMatch("10000"::equals),
        printed);
  }

  @Test
  @Order(Integer.MAX_VALUE)
  void stopsOnSigtermWithItsWarehouseAndLogInTheWorkingFolder() throws Exception {
    int status = serve.stop();

    // 143 is 128 + SIGTERM: the JVM ran its shutdown hooks and ended on the signal.
    assertTrue(status == 0 || status == 143, "exit status " + status + ": " + serve.stderr());
    assertTrue(Files.isDirectory(work.resolve(".scry/warehouse/_scry")), "warehouse in " + work);
    assertTrue(Files.isRegularFile(work.resolve(".scry/logs/scry.log")), "log in " + work);
  }
}
