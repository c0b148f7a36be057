package dev.scry.gateway;

import dev.scry.gateway.config.ConfigException;
import dev.scry.gateway.config.ConfigLoader;
import dev.scry.gateway.config.ScryConfig;
import dev.scry.gateway.startup.BoundedExit;
import dev.scry.gateway.startup.FailureLine;
import dev.scry.gateway.startup.ServeLogging;
import dev.scry.gateway.startup.StartupFailure;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import org.slf4j.LoggerFactory;

/**
 * The {@code scry} command line: {@code serve [--config FILE] [--port N] [--flight-port N]
 * [--verbose]}. Until the gateway is ready, any failure ends the process with one line on standard
 * error (what failed, what to do) and a non-zero status; the stack trace goes to the log file.
 */
public final class ScryMain {
  private static final String USAGE =
      """
      Usage: scry serve [--config FILE] [--port N] [--flight-port N] [--verbose]
        --config FILE    YAML configuration (see docs/configuration.md); without it the gateway runs on
                         embedded defaults: Spark local[*], a warehouse in ./.scry/warehouse, a demo schema
        --port N         port to listen on (overrides server.port; 0 picks a free one)
        --flight-port N  Arrow Flight SQL port (overrides server.flight.port and turns it on; 0 picks
                         a free one)
        --verbose        the log goes to standard error too (it always goes to $SCRY_LOG_DIR/scry.log,
                         by default ./.scry/logs/scry.log)""";

  /** How long shutdown hooks get after a failed start before the JVM halts. */
  private static final Duration EXIT_CLEANUP = Duration.ofSeconds(5);

  private ScryMain() {}

  public static void main(String[] args) throws InterruptedException {
    int status = run(args, System.out, System.err);
    if (status != 0) {
      // Spark's and hadoop-azure's non-daemon threads would keep the JVM up after main returns.
      BoundedExit.exit(status, EXIT_CLEANUP);
    }
  }

  static int run(String[] args, PrintStream out, PrintStream err) throws InterruptedException {
    if (args.length == 0 || !args[0].equals("serve")) {
      err.println(USAGE);
      return args.length > 0 && (args[0].equals("help") || args[0].equals("--help")) ? 0 : 2;
    }
    ServeOptions options;
    Path log;
    try {
      options = ServeOptions.parse(args);
      log = ServeLogging.configure(options.verbose());
    } catch (IllegalArgumentException | StartupFailure e) {
      err.println("scry: " + e.getMessage());
      return FailureLine.CONFIGURATION;
    }
    Gateway gateway;
    try {
      gateway = Gateway.start(options.config());
    } catch (
        Throwable e) { // Errors too: whatever stops the start must end the process with its line
      FailureLine line = FailureLine.of(e, log);
      LoggerFactory.getLogger(ScryMain.class).error("Scry did not start: {}", line.text(), e);
      err.println("scry: " + line.text());
      err.flush();
      return line.status();
    }
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  gateway.close();
                  stopped.countDown();
                },
                "scry-shutdown"));
    out.println(ReadyLine.of(gateway.jdbcUrl(), gateway.flightUrl()));
    out.flush();
    stopped.await();
    return 0;
  }

  /** What {@code serve} was asked for; the configuration file is read by {@link #config}, once logging is set. */
  record ServeOptions(Path configFile, Integer port, Integer flightPort, boolean verbose) {
    static ServeOptions parse(String[] args) {
      Path config = null;
      Integer port = null;
      Integer flightPort = null;
      boolean verbose = false;
      for (int i = 1; i < args.length; i++) {
        switch (args[i]) {
          case "--config" -> config = Path.of(value(args, ++i, "--config"));
          case "--port" -> port = portValue(args, ++i, "--port");
          case "--flight-port" -> flightPort = portValue(args, ++i, "--flight-port");
          case "--verbose" -> verbose = true;
          default -> throw new IllegalArgumentException("unknown option " + args[i] + "\n" + USAGE);
        }
      }
      return new ServeOptions(config, port, flightPort, verbose);
    }

    ScryConfig config() throws ConfigException {
      ScryConfig config =
          configFile == null ? ScryConfig.embeddedDefaults() : ConfigLoader.load(configFile);
      if (port != null) {
        config = config.withPort(port);
      }
      return flightPort == null ? config : config.withFlightPort(flightPort);
    }
  }

  private static int portValue(String[] args, int index, String option) {
    String text = value(args, index, option);
    int port;
    try {
      port = Integer.parseInt(text);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(option + " needs a number: " + text, e);
    }
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException(option + " must be between 0 and 65535: " + port);
    }
    return port;
  }

  private static String value(String[] args, int index, String option) {
    if (index >= args.length) {
      throw new IllegalArgumentException(option + " needs a value");
    }
    return args[index];
  }
}
