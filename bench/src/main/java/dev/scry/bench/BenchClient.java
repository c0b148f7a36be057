package dev.scry.bench;

import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Driver;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Objects;
import java.util.Properties;

/**
 * The bench's JDBC client: the real Scry driver jar (scry-jdbc-VERSION.jar, which shades Avatica and
 * its own protobuf 3), loaded in a class loader of its own so that its classes do not meet the
 * gateway's unshaded Avatica on protobuf 4 — so the fetch measure (P3) sees what a user's client
 * does. When the jar is not built, the bench falls back to Avatica's remote driver on this class
 * path, set up as the Scry driver sets it (protobuf, 5,000 rows per frame), and says so.
 */
final class BenchClient implements AutoCloseable {
  /** System property naming the driver jar; {@code ./scry bench} and the test build set it. */
  static final String JAR_PROPERTY = "scry.jdbc.jar";

  private static final String DRIVER_CLASS = "dev.scry.jdbc.ScryDriver";

  private final URLClassLoader loader;
  private final Driver driver;
  private final String description;

  private BenchClient(URLClassLoader loader, Driver driver, String description) {
    this.loader = loader;
    this.driver = driver;
    this.description = Objects.requireNonNull(description, "description");
  }

  /** The Scry driver from {@code jar} when it is a file, else Avatica's driver on the class path. */
  static BenchClient locate(Path jar) {
    if (jar == null || !Files.isRegularFile(jar)) {
      return new BenchClient(
          null,
          null,
          "Avatica's remote driver on the gateway's class path (scry-jdbc jar "
              + (jar == null
                  ? "not named: set -D" + JAR_PROPERTY
                  : "not found at " + jar + ": build jdbc-driver")
              + "; fetch figures then include the gateway's protobuf 4 decoding)");
    }
    try {
      URLClassLoader loader =
          new URLClassLoader(
              "scry-jdbc", new URL[] {jar.toUri().toURL()}, ClassLoader.getPlatformClassLoader());
      Driver driver =
          (Driver) Class.forName(DRIVER_CLASS, true, loader).getDeclaredConstructor().newInstance();
      return new BenchClient(
          loader, driver, "Scry driver " + jar.getFileName() + " (own class loader)");
    } catch (ReflectiveOperationException | IOException | ClassCastException e) {
      throw new IllegalStateException("Cannot load " + DRIVER_CLASS + " from " + jar + ": " + e, e);
    }
  }

  /** The jar named by the system property {@value #JAR_PROPERTY}, if any. */
  static Path configuredJar() {
    String jar = System.getProperty(JAR_PROPERTY);
    return jar == null || jar.isBlank() ? null : Path.of(jar);
  }

  boolean isScryDriver() {
    return driver != null;
  }

  String describe() {
    return description;
  }

  /** A connection to the gateway on loopback {@code port}, with the driver's default fetch size. */
  Connection connect(int port) throws SQLException {
    if (driver == null) {
      return DriverManager.getConnection(
          "jdbc:avatica:remote:url=http://127.0.0.1:"
              + port
              + ";serialization=protobuf;fetch_size=5000");
    }
    Connection connection = driver.connect("jdbc:scry://127.0.0.1:" + port, new Properties());
    if (connection == null) {
      throw new SQLException("The Scry driver did not accept jdbc:scry://127.0.0.1:" + port);
    }
    return connection;
  }

  @Override
  public void close() throws IOException {
    if (loader != null) {
      loader.close();
    }
  }
}
