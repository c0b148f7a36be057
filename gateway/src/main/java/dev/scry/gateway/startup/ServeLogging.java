package dev.scry.gateway.startup;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where {@code scry serve} logs: to {@code scry.log} in a folder (system property {@code scry.log.dir}, else
 * the environment variable {@code SCRY_LOG_DIR}, else {@code .scry/logs} under the working directory), so
 * that standard error carries only a failed start's one line; with {@code --verbose} the log goes to
 * standard error as well. Log4j reads its configuration once, when the first logger is made, so
 * {@link #configure} must run before anything logs.
 */
public final class ServeLogging {
  public static final String DIR_PROPERTY = "scry.log.dir";
  public static final String DIR_ENVIRONMENT = "SCRY_LOG_DIR";
  static final String FILE_PROPERTY = "scry.log.file";
  static final String STDERR_LEVEL_PROPERTY = "scry.log.stderr.level";
  static final String CONFIGURATION = "scry-serve-log4j2.properties";
  private static final String LOG4J_CONFIGURATION = "log4j2.configurationFile";
  private static final Path DEFAULT_DIR = Path.of(".scry", "logs");

  private ServeLogging() {}

  /** Points Log4j at the serve configuration (unless one is given already) and returns the log file. */
  public static Path configure(boolean verbose) {
    Path folder = directory(System.getProperty(DIR_PROPERTY), System.getenv(DIR_ENVIRONMENT));
    try {
      Files.createDirectories(folder);
    } catch (IOException e) {
      throw StartupFailure.configuration(
          "cannot create the log folder "
              + folder
              + "; set "
              + DIR_ENVIRONMENT
              + " to a folder this user may write",
          e);
    }
    if (!Files.isWritable(folder)) {
      throw StartupFailure.configuration(
          "cannot write the log folder "
              + folder
              + "; set "
              + DIR_ENVIRONMENT
              + " to a folder this user may write",
          null);
    }
    Path file = folder.resolve("scry.log");
    System.setProperty(FILE_PROPERTY, file.toString());
    System.setProperty(STDERR_LEVEL_PROPERTY, verbose ? "ALL" : "OFF");
    if (System.getProperty(LOG4J_CONFIGURATION) == null) {
      System.setProperty(LOG4J_CONFIGURATION, CONFIGURATION);
    }
    return file;
  }

  /** The log folder: the system property, else the environment variable, else .scry/logs; made absolute. */
  static Path directory(String property, String environment) {
    String chosen =
        property != null && !property.isBlank()
            ? property
            : environment != null && !environment.isBlank() ? environment : null;
    return (chosen == null ? DEFAULT_DIR : Path.of(chosen)).toAbsolutePath().normalize();
  }
}
