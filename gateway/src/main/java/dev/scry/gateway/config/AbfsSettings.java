package dev.scry.gateway.config;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Maps a {@link LakeAccount} onto hadoop-azure's per-account settings (keys suffixed with the account's
 * host), so that several accounts with different credentials live side by side in one Hadoop
 * configuration. The values hold secrets: they go into the Hadoop configuration and nowhere else.
 */
public final class AbfsSettings {
  static final String CLIENT_CREDS_PROVIDER =
      "org.apache.hadoop.fs.azurebfs.oauth2.ClientCredsTokenProvider";
  static final String MSI_PROVIDER = "org.apache.hadoop.fs.azurebfs.oauth2.MsiTokenProvider";

  static final String ALWAYS_USE_HTTPS = "fs.azure.always.use.https";
  static final String FILE_COMMITTER_FACTORY =
      "org.apache.hadoop.mapreduce.lib.output.FileOutputCommitterFactory";

  /** Emulator only: ABFS with Azurite's repeated folder listings removed (see the class). */
  static final String EMULATOR_ABFS = "dev.scry.engine.storage.EmulatorAbfsFileSystem";

  private AbfsSettings() {}

  public static Map<String, String> of(LakeAccount account) {
    Map<String, String> settings = new LinkedHashMap<>();
    String host = account.dfsHost();
    LakeCredential credential = account.credential();
    if (credential instanceof LakeCredential.SharedKey key) {
      settings.put("fs.azure.account.auth.type." + host, "SharedKey");
      settings.put("fs.azure.account.key." + host, key.key());
    } else if (credential instanceof LakeCredential.SasToken sas) {
      settings.put("fs.azure.account.auth.type." + host, "SAS");
      // With no provider class named, hadoop-azure serves this fixed token itself.
      settings.put("fs.azure.sas.fixed.token." + host, sas.token());
    } else if (credential instanceof LakeCredential.ClientCredentials app) {
      settings.put("fs.azure.account.auth.type." + host, "OAuth");
      settings.put("fs.azure.account.oauth.provider.type." + host, CLIENT_CREDS_PROVIDER);
      settings.put(
          "fs.azure.account.oauth2.client.endpoint." + host,
          "https://login.microsoftonline.com/" + app.tenantId() + "/oauth2/token");
      settings.put("fs.azure.account.oauth2.client.id." + host, app.clientId());
      settings.put("fs.azure.account.oauth2.client.secret." + host, app.secret());
    } else if (credential instanceof LakeCredential.ManagedIdentity identity) {
      settings.put("fs.azure.account.auth.type." + host, "OAuth");
      settings.put("fs.azure.account.oauth.provider.type." + host, MSI_PROVIDER);
      if (identity.tenantId() != null) {
        settings.put("fs.azure.account.oauth2.msi.tenant." + host, identity.tenantId());
      }
      if (identity.clientId() != null) {
        settings.put("fs.azure.account.oauth2.client.id." + host, identity.clientId());
      }
    }
    // hadoop-azure makes its manifest committer the default for abfs/abfss, but that committer
    // needs the
    // job id that only Spark's PathOutputCommitProtocol (spark-hadoop-cloud, not on the classpath)
    // gives
    // it: without it CSV and JSON writes fail at job setup. Scry's writes do not need a committer's
    // atomicity (a table's new folder becomes visible through the catalog), so the classic
    // FileOutputCommitter serves, as it already does for Parquet.
    settings.put("mapreduce.outputcommitter.factory.scheme.abfs", FILE_COMMITTER_FACTORY);
    settings.put("mapreduce.outputcommitter.factory.scheme.abfss", FILE_COMMITTER_FACTORY);
    retry(settings, host, account.retry());
    account.endpoint().ifPresent(endpoint -> emulator(settings, host, endpoint));
    return settings;
  }

  /**
   * The account's retry budget. hadoop-azure reads its integer settings per account (key suffixed with the
   * host) but its boolean ones only globally, so only integers are set here. Token fetches (OAuth) get the
   * same number of retries; their back-off is hadoop-azure's own and short.
   */
  private static void retry(Map<String, String> settings, String host, StorageRetry retry) {
    String retries = String.valueOf(retry.maxRetries());
    settings.put("fs.azure.io.retry.max.retries." + host, retries);
    settings.put(
        "fs.azure.io.retry.max.backoff.interval." + host,
        String.valueOf(retry.maxBackoff().toMillis()));
    settings.put(
        "fs.azure.http.connection.timeout." + host,
        String.valueOf(retry.connectTimeout().toMillis()));
    settings.put(
        "fs.azure.http.read.timeout." + host, String.valueOf(retry.readTimeout().toMillis()));
    settings.put("fs.azure.oauth.token.fetch.retry.max.retries." + host, retries);
  }

  /**
   * An emulator (Azurite) has only the Blob API: hadoop-azure then runs ABFS over blob requests to
   * http://HOST:PORT/ACCOUNT/…, without hierarchical namespace, and needs the JDK's HTTP client for plain
   * http. Emulator-only: plain http for abfs:// URIs.
   */
  private static void emulator(Map<String, String> settings, String host, URI endpoint) {
    settings.put("fs.azure.abfs.endpoint." + host, endpoint.getHost() + ":" + endpoint.getPort());
    // hadoop-azure reads this one for all accounts only; abfss:// URIs use TLS whatever it says.
    settings.put(ALWAYS_USE_HTTPS, "false");
    settings.put("fs.azure.account.hns.enabled." + host, "false");
    settings.put("fs.azure.networking.library." + host, "JDK_HTTP_URL_CONNECTION");
    // Hadoop picks the class per scheme, not per account; emulators speak abfs:// (plain http)
    // only.
    settings.put("fs.abfs.impl", EMULATOR_ABFS);
  }
}
