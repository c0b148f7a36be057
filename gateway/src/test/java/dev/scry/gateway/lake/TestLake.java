package dev.scry.gateway.lake;

import dev.scry.gateway.config.ScryConfig;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;

/**
 * A lake for tests: Azurite with three accounts, and their storage entries for the gateway's
 * configuration, secrets in files of the test's own folder.
 * <ul>
 *   <li>{@code devstoreaccount1} ("dev-lake"): the right shared key;</li>
 *   <li>{@code scrysas} ("sas-lake"): an account SAS token made here from its key;</li>
 *   <li>{@code scrybad} ("bad-lake"): configured with a wrong key.</li>
 * </ul>
 */
public final class TestLake implements AutoCloseable {
  public static final String SAS_ACCOUNT = "scrysas";
  public static final String BAD_ACCOUNT = "scrybad";

  /** Keys of the extra accounts (base64, as Azurite wants them); the wrong key is what Scry is given. */
  public static final String SAS_KEY =
      Base64.getEncoder()
          .encodeToString("scry-sas-account-key-for-tests-0".getBytes(StandardCharsets.US_ASCII));

  public static final String BAD_REAL_KEY =
      Base64.getEncoder()
          .encodeToString("scry-bad-account-real-key-0000000".getBytes(StandardCharsets.US_ASCII));
  public static final String WRONG_KEY =
      Base64.getEncoder()
          .encodeToString("this-is-the-wrong-key-for-scrybad".getBytes(StandardCharsets.US_ASCII));

  /** Replaced when the emulator is restarted after an outage. */
  private volatile Azurite azurite;

  private final Path secrets;
  private final String sasToken;

  private TestLake(Azurite azurite, Path secrets, String sasToken) {
    this.azurite = azurite;
    this.secrets = secrets;
    this.sasToken = sasToken;
  }

  public static TestLake start(Path work) throws IOException {
    Azurite azurite =
        Azurite.start(
            work.resolve("azurite"), Map.of(SAS_ACCOUNT, SAS_KEY, BAD_ACCOUNT, BAD_REAL_KEY));
    Path secrets = Files.createDirectories(work.resolve("secrets"));
    Files.writeString(secrets.resolve("dev.key"), Azurite.DEV_KEY + "\n");
    Files.writeString(secrets.resolve("bad.key"), WRONG_KEY);
    String sas = accountSas(SAS_ACCOUNT, SAS_KEY);
    Files.writeString(secrets.resolve("sas.token"), sas);
    return new TestLake(azurite, secrets, sas);
  }

  /** The storage entries of the three accounts. */
  public List<ScryConfig.StorageConfig> storage() {
    return List.of(
        account(
            "dev-lake",
            Azurite.DEV_ACCOUNT,
            Map.of("type", "shared-key", "key-file", file("dev.key"))),
        account("sas-lake", SAS_ACCOUNT, Map.of("type", "sas", "token-file", file("sas.token"))),
        account(
            "bad-lake", BAD_ACCOUNT, Map.of("type", "shared-key", "key-file", file("bad.key"))));
  }

  /** {@code abfs://container@account.dfs.core.windows.net/path} (abfs: the emulator speaks plain http). */
  public static String uri(String account, String container, String path) {
    return "abfs://" + container + "@" + account + ".dfs.core.windows.net/" + path;
  }

  public String sasToken() {
    return sasToken;
  }

  public String endpoint() {
    return azurite.endpoint();
  }

  /**
   * Copies a local file onto the lake as the account's owner would (shared key, whatever credential the
   * gateway has), creating the container first if needed.
   */
  public void upload(Configuration hadoop, Path local, String lakeUri) throws IOException {
    try (FileSystem fs = ownerFileSystem(hadoop, lakeUri)) {
      fs.copyFromLocalFile(
          false,
          true,
          new org.apache.hadoop.fs.Path(local.toUri()),
          new org.apache.hadoop.fs.Path(URI.create(lakeUri)));
    }
  }

  /** Creates the container of {@code lakeUri} (as {@link #upload} does), for tests that write into an empty one. */
  public void createContainer(Configuration hadoop, String lakeUri) throws IOException {
    try (FileSystem fs = ownerFileSystem(hadoop, lakeUri)) {
      fs.exists(new org.apache.hadoop.fs.Path(URI.create(lakeUri)));
    }
  }

  /** A private FileSystem with the account's real key, which creates its container when it starts. */
  private FileSystem ownerFileSystem(Configuration hadoop, String lakeUri) throws IOException {
    URI uri = URI.create(lakeUri);
    String host = uri.getHost();
    String account = host.substring(0, host.indexOf('.'));
    Configuration owner = new Configuration(hadoop);
    owner.setBoolean("fs.azure.createRemoteFileSystemDuringInitialization", true);
    owner.set("fs.azure.account.auth.type." + host, "SharedKey");
    owner.set("fs.azure.account.key." + host, azurite.key(account));
    return FileSystem.newInstance(uri, owner);
  }

  private ScryConfig.StorageConfig account(
      String name, String account, Map<String, Object> credential) {
    return new ScryConfig.StorageConfig(
        name, null, account, azurite.endpoint(), new LinkedHashMap<>(credential));
  }

  private String file(String name) {
    return secrets.resolve(name).toString();
  }

  /** An account SAS (service version 2019-12-12) for blobs: read, add, create, write, delete, list. */
  static String accountSas(String account, String base64Key) {
    String permissions = "racwdl";
    String expiry = "2099-01-01T00:00:00Z";
    String version = "2019-12-12";
    String toSign =
        String.join(
            "\n", account, permissions, "b", "sco", "", expiry, "", "https,http", version, "");
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(Base64.getDecoder().decode(base64Key), "HmacSHA256"));
      String signature =
          Base64.getEncoder().encodeToString(mac.doFinal(toSign.getBytes(StandardCharsets.UTF_8)));
      return "sv="
          + version
          + "&ss=b&srt=sco&sp="
          + permissions
          + "&se="
          + expiry
          + "&spr=https,http&sig="
          + URLEncoder.encode(signature, StandardCharsets.UTF_8);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Stops the emulator: the lake becomes unreachable, as in an outage. */
  public void stopEmulator() {
    azurite.close();
  }

  /** Brings the emulator back on the same port with the data it held. */
  public void restartEmulator() throws IOException {
    azurite = azurite.restart();
  }

  @Override
  public void close() {
    azurite.close();
  }
}
