package dev.scry.distribution;

import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Driver;
import java.sql.SQLException;
import java.util.Objects;
import java.util.Properties;

/**
 * The distribution's driver jar in a class loader of its own, whose parent is the platform loader: it
 * sees none of this test's class path, as in a BI tool that was given only that jar.
 */
final class DriverJar implements AutoCloseable {
  private static final String DRIVER_CLASS = "dev.scry.jdbc.ScryDriver";

  private final URLClassLoader loader;
  private final Driver driver;

  private DriverJar(URLClassLoader loader, Driver driver) {
    this.loader = loader;
    this.driver = driver;
  }

  static DriverJar load(Path jar) throws ReflectiveOperationException, IOException {
    URL[] urls = {Objects.requireNonNull(jar, "jar").toUri().toURL()};
    URLClassLoader loader = new URLClassLoader(urls, ClassLoader.getPlatformClassLoader());
    try {
      Driver driver =
          (Driver) Class.forName(DRIVER_CLASS, true, loader).getDeclaredConstructor().newInstance();
      return new DriverJar(loader, driver);
    } catch (ReflectiveOperationException | RuntimeException e) {
      loader.close();
      throw e;
    }
  }

  /** The class loader the driver's classes came from, to check they are the jar's own. */
  ClassLoader classLoader() {
    return driver.getClass().getClassLoader();
  }

  Connection connect(String url) throws SQLException {
    Connection connection = driver.connect(url, new Properties());
    if (connection == null) {
      throw new SQLException("The Scry driver does not accept " + url);
    }
    return connection;
  }

  @Override
  public void close() throws IOException {
    loader.close();
  }
}
