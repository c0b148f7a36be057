package dev.scry.gateway.config;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.apache.hadoop.conf.Configuration;

/** The configured storage accounts, with their secrets resolved, ready to be put into a Hadoop configuration. */
public record LakeAccounts(List<LakeAccount> accounts) {
  public LakeAccounts {
    accounts = List.copyOf(accounts);
  }

  /** Reads every account entry of {@code config}; secrets come from {@code secrets}. */
  public static LakeAccounts from(ScryConfig config, SecretSource secrets) throws ConfigException {
    Objects.requireNonNull(secrets, "secrets");
    List<LakeAccount> accounts = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    for (ScryConfig.StorageConfig storage : config.storage()) {
      if (storage.isAccount()) {
        LakeAccount account = LakeAccount.from(storage, secrets);
        if (!seen.add(account.account())) {
          throw new ConfigException(
              "storage '"
                  + account.name()
                  + "': account "
                  + account.account()
                  + " is configured twice; one credential per account");
        }
        accounts.add(account);
      }
    }
    return new LakeAccounts(accounts);
  }

  /** Scry's ABFS classes, which the gateway closes when it stops (OwnedFileSystems in the engine). */
  static final String SCRY_ABFS = "dev.scry.engine.storage.ScryAbfsFileSystem";

  static final String SCRY_SECURE_ABFS = "dev.scry.engine.storage.ScrySecureAbfsFileSystem";

  /**
   * Puts every account's hadoop-azure settings into {@code hadoop} (the Spark session's configuration),
   * with Scry's ABFS classes for both schemes (an emulator's account names its own for abfs://). Set on
   * every start: a JVM's gateways share the configuration, and an earlier one's emulator class must not
   * stay.
   */
  public void applyTo(Configuration hadoop) {
    hadoop.set("fs.abfs.impl", SCRY_ABFS, "scry");
    hadoop.set("fs.abfss.impl", SCRY_SECURE_ABFS, "scry");
    for (LakeAccount account : accounts) {
      for (Map.Entry<String, String> setting : AbfsSettings.of(account).entrySet()) {
        hadoop.set(setting.getKey(), setting.getValue(), "scry storage '" + account.name() + "'");
      }
    }
  }

  /** The URIs under which SQL may name locations in these accounts. */
  public List<String> rootUris() {
    return accounts.stream().flatMap(a -> a.rootUris().stream()).toList();
  }
}
