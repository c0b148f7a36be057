package dev.scry.gateway.lake;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The Azure Storage emulator (blob service only) for tests: started from the copy the build installed
 * (system property {@code scry.azurite.home}) on a free loopback port with its data in a temporary
 * folder, and stopped by its process id.
 */
public final class Azurite implements AutoCloseable {
  /** Azurite's well-known development account and key (public, documented by Microsoft). */
  public static final String DEV_ACCOUNT = "devstoreaccount1";

  public static final String DEV_KEY =
      "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";

  private final Process process;
  private final int port;
  private final Map<String, String> accounts;

  private final Path location;

  private Azurite(Process process, int port, Map<String, String> accounts, Path location) {
    this.process = process;
    this.port = port;
    this.accounts = Map.copyOf(accounts);
    this.location = location;
  }

  /** Starts Azurite with the development account and {@code extraAccounts} (name → base64 key). */
  public static Azurite start(Path location, Map<String, String> extraAccounts) throws IOException {
    String home = System.getProperty("scry.azurite.home");
    if (home == null) {
      throw new IllegalStateException(
          "System property scry.azurite.home is not set (the Maven build sets it)");
    }
    Path main = Path.of(home, "node_modules", "azurite", "dist", "src", "blob", "main.js");
    if (!Files.isRegularFile(main)) {
      throw new IllegalStateException(
          "Azurite is not installed at "
              + home
              + "; the gateway module's build installs it (build-tools/install-azurite.sh)");
    }
    Map<String, String> accounts = new LinkedHashMap<>();
    accounts.put(DEV_ACCOUNT, DEV_KEY);
    accounts.putAll(extraAccounts);
    return launch(main, location, accounts, freePort());
  }

  /**
   * Starts this emulator again after {@link #close}: a new process on the same port and data folder, so
   * what was written before the outage is there again.
   */
  public Azurite restart() throws IOException {
    Path main =
        Path.of(
            System.getProperty("scry.azurite.home"),
            "node_modules",
            "azurite",
            "dist",
            "src",
            "blob",
            "main.js");
    return launch(main, location, accounts, port);
  }

  private static Azurite launch(Path main, Path location, Map<String, String> accounts, int port)
      throws IOException {
    Files.createDirectories(location);
    List<String> command =
        new ArrayList<>(
            List.of(
                "node",
                main.toString(),
                "--blobHost",
                "127.0.0.1",
                "--blobPort",
                String.valueOf(port),
                "--location",
                location.toString(),
                "--disableTelemetry",
                "--skipApiVersionCheck",
                "--loose",
                "--silent"));
    ProcessBuilder builder =
        new ProcessBuilder(command)
            .redirectErrorStream(true)
            .redirectOutput(location.resolve("azurite.log").toFile());
    StringBuilder spec = new StringBuilder();
    accounts.forEach(
        (name, key) -> spec.append(spec.isEmpty() ? "" : ";").append(name).append(':').append(key));
    builder.environment().put("AZURITE_ACCOUNTS", spec.toString());
    Process process = builder.start();
    Azurite azurite = new Azurite(process, port, accounts, location);
    azurite.awaitListening(location.resolve("azurite.log"));
    return azurite;
  }

  /** The endpoint to configure for an account: {@code http://127.0.0.1:PORT}. */
  public String endpoint() {
    return "http://127.0.0.1:" + port;
  }

  public String key(String account) {
    return accounts.get(account);
  }

  private void awaitListening(Path log) throws IOException {
    for (int attempt = 0; attempt < 300; attempt++) {
      if (!process.isAlive()) {
        throw new IllegalStateException(
            "Azurite exited with " + process.exitValue() + ": " + Files.readString(log));
      }
      try (Socket socket = new Socket()) {
        socket.connect(new InetSocketAddress("127.0.0.1", port), 200);
        return;
      } catch (IOException notYet) {
        sleep(100);
      }
    }
    close();
    throw new IllegalStateException(
        "Azurite did not listen on port " + port + " within 30 s: " + Files.readString(log));
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** Stops this Azurite process (by its PID, through the Process handle), waiting for it to exit. */
  @Override
  public void close() {
    process.destroy();
    try {
      if (!process.waitFor(10, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
