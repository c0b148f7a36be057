package dev.scry.gateway.lake;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.scry.engine.SparkSessionFactory;
import dev.scry.engine.storage.StorageFailure;
import dev.scry.engine.storage.StorageFailure.Kind;
import dev.scry.gateway.config.AbfsSettings;
import dev.scry.gateway.config.ConfigException;
import dev.scry.gateway.config.LakeAccount;
import dev.scry.gateway.config.ScryConfig;
import dev.scry.gateway.config.SecretSource;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link StorageFailure} on the exceptions hadoop-azure and Spark really raise against Azurite, with the
 * gateway's own account settings (retry budget included): a missing container, a missing file (also
 * under Spark's FAILED_READ_FILE), a wrong key, a bad SAS token, and an emulator stopped under a file
 * system and under a Spark read. Spark's reads use accounts of their own, so that the shared Spark
 * session's settings for other test classes' accounts stay as they are.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class StorageFailureOnAzuriteTest {
  private static final String DEV = Azurite.DEV_ACCOUNT;
  private static final String WRONG = "scrywrong";
  private static final String SPARK = "scryspark";
  private static final String STOPPED = "scrystopped";
  private static final String WRONG_KEY = key("this-is-not-the-key-of-scrywrong");
  private static final String BAD_SAS =
      "sv=2019-12-12&ss=b&srt=sco&sp=rl&se=2099-01-01T00:00:00Z&spr=https,http"
          + "&sig=c2NyeS1ib2d1cy1zaWduYXR1cmUtdmFsdWU%3D";

  /** A shared-key credential whose key comes from the variable KEY of the environment each case gives. */
  private static final Map<String, Object> SHARED_KEY =
      Map.of("type", "shared-key", "key-env", "KEY");

  @TempDir static Path work;

  private Azurite azurite;

  @BeforeAll
  void start() throws IOException {
    azurite =
        Azurite.start(
            work.resolve("azurite"),
            Map.of(
                WRONG,
                key("the-real-key-of-scrywrong-000000"),
                SPARK,
                key("the-real-key-of-scryspark-000000")));
    upload(azurite, DEV, "data", "t/part-0.csv", "a,b\n1,2\n");
    upload(azurite, WRONG, "data", "t/part-0.csv", "a,b\n1,2\n");
  }

  @AfterAll
  void stop() {
    if (azurite != null) {
      azurite.close();
    }
  }

  @Test
  void missingContainer() throws Exception {
    String root = uri(DEV, "nothere", "");
    StorageFailure failure =
        failureOf(() -> status(sharedKey(DEV, azurite, Azurite.DEV_KEY), root));
    assertEquals(Kind.CONTAINER_NOT_FOUND, failure.kind());
    assertEquals(Optional.of(DEV), failure.account());
    assertEquals(Optional.of("nothere"), failure.container());
    assertEquals(
        "Cannot read '"
            + root
            + "': the container 'nothere' does not exist in account 'devstoreaccount1'",
        failure.message());
  }

  @Test
  void missingFile() throws Exception {
    String file = uri(DEV, "data", "t/part-9.csv");
    StorageFailure failure =
        failureOf(() -> status(sharedKey(DEV, azurite, Azurite.DEV_KEY), file));
    assertEquals(Kind.PATH_NOT_FOUND, failure.kind());
    assertEquals(Optional.of(file), failure.location());
    assertTrue(
        failure
            .message()
            .startsWith("Cannot read '" + file + "': no such file or folder (HTTP 404"),
        failure.message());
  }

  @Test
  void wrongKey() throws Exception {
    String file = uri(WRONG, "data", "t/part-0.csv");
    StorageFailure failure = failureOf(() -> status(sharedKey(WRONG, azurite, WRONG_KEY), file));
    assertEquals(Kind.CREDENTIAL_REFUSED, failure.kind());
    assertEquals(
        "Cannot read '"
            + file
            + "': the storage account 'scrywrong' refused the credential "
            + "(authentication failed: HTTP 403)",
        failure.message());
    assertFalse(failure.toString().contains(WRONG_KEY));
  }

  @Test
  void badSasTokenIsNeverRepeated() throws Exception {
    String file = uri(DEV, "data", "t/part-0.csv");
    Map<String, Object> sas = Map.of("type", "sas", "token-env", "TOKEN");
    IOException error =
        assertThrows(
            IOException.class,
            () -> status(configuration(DEV, azurite, sas, Map.of("TOKEN", BAD_SAS)), file));
    StorageFailure failure =
        StorageFailure.find(error).orElseThrow(() -> new AssertionError("not found", error));
    assertEquals(Kind.CREDENTIAL_REFUSED, failure.kind());
    for (String part : new String[] {"sig=", "c2NyeS1ib2d1cy1zaWduYXR1cmUtdmFsdWU", "sv=2019"}) {
      assertFalse(failure.toString().contains(part), part + " in " + failure);
    }
  }

  @Test
  void sparkReadOfAFileRemovedAfterListing() throws Exception {
    SparkSession spark = spark(SPARK, azurite);
    upload(azurite, SPARK, "gone", "t/part-0.csv", "a,b\n1,2\n");
    Dataset<Row> rows = spark.read().schema("a INT, b INT").csv(uri(SPARK, "gone", "t/"));
    rows.inputFiles(); // listed now, while the file exists
    try (FileSystem owner = owner(azurite, SPARK, uri(SPARK, "gone", ""))) {
      owner.delete(
          new org.apache.hadoop.fs.Path(URI.create(uri(SPARK, "gone", "t/part-0.csv"))), false);
    }
    StorageFailure failure = failureOf(rows::collectAsList);
    assertEquals(Kind.PATH_NOT_FOUND, failure.kind());
    assertEquals(StorageFailure.Operation.READ, failure.operation());
    assertEquals(Optional.of(uri(SPARK, "gone", "t/part-0.csv")), failure.location());
  }

  @Test
  void stoppedEmulatorUnderAFileSystemAndUnderSpark() throws Exception {
    try (Azurite stopping =
        Azurite.start(
            work.resolve("stopping"), Map.of(STOPPED, key("the-real-key-of-scrystopped-0000")))) {
      String file = uri(STOPPED, "data", "t/part-0.csv");
      upload(stopping, STOPPED, "data", "t/part-0.csv", "a,b\n1,2\n");
      Dataset<Row> rows =
          spark(STOPPED, stopping).read().schema("a INT, b INT").csv(uri(STOPPED, "data", "t/"));
      rows.inputFiles();
      Configuration hadoop = sharedKey(STOPPED, stopping, stopping.key(STOPPED));
      try (FileSystem fs = FileSystem.newInstance(URI.create(uri(STOPPED, "data", "")), hadoop)) {
        stopping.close();

        IOException unanswered =
            assertThrows(
                IOException.class,
                () -> fs.getFileStatus(new org.apache.hadoop.fs.Path(URI.create(file))));
        StorageFailure alone =
            StorageFailure.find(unanswered)
                .orElseThrow(() -> new AssertionError("not found", unanswered));
        assertEquals(Kind.UNREACHABLE, alone.kind());
        assertEquals(
            "The storage account could not be reached (connection refused)",
            alone.message(),
            "hadoop-azure's error names no place when no answer came");
        assertEquals(
            "Cannot access '"
                + file
                + "': the storage account 'scrystopped' could not be reached "
                + "(connection refused)",
            StorageFailure.find(unanswered, file).orElseThrow().message());
      }

      StorageFailure underSpark = failureOf(rows::collectAsList);
      assertEquals(
          "Cannot read '"
              + file
              + "': the storage account 'scrystopped' could not be reached "
              + "(connection refused)",
          underSpark.message());
    }
  }

  /** The storage failure in what {@code action} throws. */
  private static StorageFailure failureOf(ThrowingAction action) {
    Exception error = assertThrows(Exception.class, action::run);
    return StorageFailure.find(error)
        .orElseThrow(() -> new AssertionError("no storage failure found", error));
  }

  @FunctionalInterface
  private interface ThrowingAction {
    void run() throws Exception;
  }

  private static void status(Configuration hadoop, String uri) throws IOException {
    try (FileSystem fs = FileSystem.newInstance(URI.create(uri), hadoop)) {
      fs.getFileStatus(new org.apache.hadoop.fs.Path(URI.create(uri)));
    }
  }

  /** The shared Spark session, with {@code account}'s settings as the gateway makes them. */
  private static SparkSession spark(String account, Azurite lake) throws ConfigException {
    SparkSession spark = SparkSessionFactory.create("local[1]", Map.of());
    Configuration hadoop = spark.sparkContext().hadoopConfiguration();
    AbfsSettings.of(account(account, lake, SHARED_KEY, Map.of("KEY", lake.key(account))))
        .forEach(hadoop::set);
    return spark;
  }

  /** The gateway's settings for {@code account} with the shared key {@code key}. */
  private static Configuration sharedKey(String account, Azurite lake, String key)
      throws ConfigException {
    return configuration(account, lake, SHARED_KEY, Map.of("KEY", key));
  }

  private static Configuration configuration(
      String account, Azurite lake, Map<String, Object> credential, Map<String, String> environment)
      throws ConfigException {
    Configuration hadoop = new Configuration();
    AbfsSettings.of(account(account, lake, credential, environment)).forEach(hadoop::set);
    return hadoop;
  }

  private static LakeAccount account(
      String account, Azurite lake, Map<String, Object> credential, Map<String, String> environment)
      throws ConfigException {
    return LakeAccount.from(
        new ScryConfig.StorageConfig("lake", null, account, lake.endpoint(), credential),
        new SecretSource(environment::get));
  }

  /** Writes a file as the account's owner, creating the container when it is missing. */
  private static void upload(
      Azurite lake, String account, String container, String path, String text) throws IOException {
    try (FileSystem fs = owner(lake, account, uri(account, container, ""));
        OutputStream out =
            fs.create(
                new org.apache.hadoop.fs.Path(URI.create(uri(account, container, path))), true)) {
      out.write(text.getBytes(StandardCharsets.UTF_8));
    }
  }

  private static FileSystem owner(Azurite lake, String account, String uri) throws IOException {
    String host = account + ".dfs.core.windows.net";
    Configuration owner = new Configuration();
    owner.set("fs.azure.abfs.endpoint." + host, URI.create(lake.endpoint()).getAuthority());
    owner.set("fs.azure.always.use.https", "false");
    owner.set("fs.azure.account.hns.enabled." + host, "false");
    owner.set("fs.azure.networking.library." + host, "JDK_HTTP_URL_CONNECTION");
    owner.set("fs.azure.account.auth.type." + host, "SharedKey");
    owner.set("fs.azure.account.key." + host, lake.key(account));
    owner.setBoolean("fs.azure.createRemoteFileSystemDuringInitialization", true);
    return FileSystem.newInstance(URI.create(uri), owner);
  }

  private static String uri(String account, String container, String path) {
    return TestLake.uri(account, container, path);
  }

  private static String key(String text) {
    return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.US_ASCII));
  }
}
