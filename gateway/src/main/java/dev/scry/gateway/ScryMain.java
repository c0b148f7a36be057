package dev.scry.gateway;

import dev.scry.gateway.config.ConfigException;
import dev.scry.gateway.config.ConfigLoader;
import dev.scry.gateway.config.ScryConfig;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;

/** The {@code scry} command line: {@code serve [--config FILE] [--port N]}. */
public final class ScryMain {
  private static final String USAGE = """
      Usage: scry serve [--config FILE] [--port N]
        --config FILE  YAML configuration (see docs/configuration.md); without it the gateway runs on
                       embedded defaults: Spark local[*], a warehouse in ./.scry/warehouse, a demo schema
        --port N       port to listen on (overrides server.port)""";

  private ScryMain() {}

  public static void main(String[] args) throws InterruptedException {
    int status = run(args, System.out, System.err);
    if (status != 0) {
      System.exit(status);
    }
  }

  static int run(String[] args, PrintStream out, PrintStream err) throws InterruptedException {
    if (args.length == 0 || !args[0].equals("serve")) {
      err.println(USAGE);
      return args.length > 0 && (args[0].equals("help") || args[0].equals("--help")) ? 0 : 2;
    }
    ScryConfig config;
    try {
      config = configFrom(args);
    } catch (ConfigException | IllegalArgumentException e) {
      err.println("scry: " + e.getMessage());
      return 2;
    }
    Gateway gateway;
    try {
      gateway = Gateway.start(config);
    } catch (IllegalArgumentException e) {
      err.println("scry: " + e.getMessage());
      return 2;
    }
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      gateway.close();
      stopped.countDown();
    }, "scry-shutdown"));
    out.println("Scry gateway ready: " + gateway.jdbcUrl());
    out.flush();
    stopped.await();
    return 0;
  }

  static ScryConfig configFrom(String[] args) throws ConfigException {
    ScryConfig config = null;
    Integer port = null;
    for (int i = 1; i < args.length; i++) {
      switch (args[i]) {
        case "--config" -> config = ConfigLoader.load(Path.of(value(args, ++i, "--config")));
        case "--port" -> {
          try {
            port = Integer.parseInt(value(args, ++i, "--port"));
          } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--port needs a number: " + args[i]);
          }
        }
        default -> throw new IllegalArgumentException("unknown option " + args[i] + "\n" + USAGE);
      }
    }
    if (config == null) {
      config = ScryConfig.embeddedDefaults();
    }
    return port == null ? config : config.withPort(port);
  }

  private static String value(String[] args, int index, String option) {
    if (index >= args.length) {
      throw new IllegalArgumentException(option + " needs a value");
    }
    return args[index];
  }
}
