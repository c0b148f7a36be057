package dev.scry.gateway.config;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A configured ADLS Gen2 storage account: its name, an optional endpoint override (for an emulator),
 * the containers SQL may use (all when none are listed), the credential and how long its requests may take.
 */
public record LakeAccount(
    String name,
    String account,
    Optional<URI> endpoint,
    List<String> containers,
    LakeCredential credential,
    StorageRetry retry) {
  private static final Pattern ACCOUNT_NAME = Pattern.compile("[a-z0-9]{3,24}");
  private static final Pattern CONTAINER_NAME =
      Pattern.compile("[a-z0-9](?:[a-z0-9-]{1,61}[a-z0-9])?");

  public LakeAccount {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(account, "account");
    Objects.requireNonNull(endpoint, "endpoint");
    containers = List.copyOf(containers);
    Objects.requireNonNull(credential, "credential");
    Objects.requireNonNull(retry, "retry");
  }

  /** The host in abfs(s):// URIs: {@code <account>.dfs.core.windows.net}, also for an emulator. */
  public String dfsHost() {
    return account + ".dfs.core.windows.net";
  }

  /** The folders SQL may name under this account: each container, or any container as {@code *}. */
  public List<String> rootUris() {
    List<String> roots = new ArrayList<>();
    List<String> names = containers.isEmpty() ? List.of("*") : containers;
    for (String scheme : List.of("abfss", "abfs")) {
      for (String container : names) {
        roots.add(scheme + "://" + container + "@" + dfsHost() + "/");
      }
    }
    return roots;
  }

  /** Reads and checks one {@code storage:} entry that names an account; secrets come from {@code secrets}. */
  public static LakeAccount from(ScryConfig.StorageConfig storage, SecretSource secrets)
      throws ConfigException {
    String where =
        "storage '" + (storage.name() == null ? storage.account() : storage.name()) + "'";
    if (storage.name() == null || storage.name().isBlank()) {
      throw new ConfigException(where + ": name is required");
    }
    if (storage.root() != null) {
      throw new ConfigException(where + ": give either root (a local folder) or account, not both");
    }
    String account = storage.account().toLowerCase(Locale.ROOT);
    if (!ACCOUNT_NAME.matcher(account).matches()) {
      throw new ConfigException(
          where
              + ": account '"
              + storage.account()
              + "' is not a storage account name (3 to 24 lower-case letters and digits)");
    }
    for (String container : storage.containers()) {
      if (!CONTAINER_NAME.matcher(container).matches()) {
        throw new ConfigException(
            where
                + ": '"
                + container
                + "' is not a container name (3 to 63 lower-case "
                + "letters, digits and dashes)");
      }
    }
    Optional<URI> endpoint = Optional.empty();
    if (storage.endpoint() != null) {
      URI uri = URI.create(storage.endpoint());
      if (uri.getHost() == null
          || uri.getPort() < 0
          || !List.of("http", "https").contains(uri.getScheme())) {
        throw new ConfigException(
            where + ": endpoint must look like http://127.0.0.1:10000, not " + storage.endpoint());
      }
      endpoint = Optional.of(uri);
    }
    return new LakeAccount(
        storage.name(),
        account,
        endpoint,
        storage.containers(),
        credential(storage, secrets, where),
        StorageRetry.from(storage.retry(), where));
  }

  private static LakeCredential credential(
      ScryConfig.StorageConfig storage, SecretSource secrets, String where) throws ConfigException {
    var section = storage.credential();
    if (section == null || section.get("type") == null) {
      throw new ConfigException(
          where
              + ": credential.type is required (shared-key, sas, client-credentials "
              + "or managed-identity)");
    }
    String type = section.get("type").toString().toLowerCase(Locale.ROOT);
    String at = where + " credential";
    return switch (type) {
      case "shared-key" -> new LakeCredential.SharedKey(secrets.required(section, "key", at));
      case "sas" -> new LakeCredential.SasToken(secrets.required(section, "token", at));
      case "client-credentials" ->
          new LakeCredential.ClientCredentials(
              plain(section, "tenant-id", at),
              plain(section, "client-id", at),
              secrets.required(section, "secret", at));
      case "managed-identity" ->
          new LakeCredential.ManagedIdentity(
              optional(section, "tenant-id"), optional(section, "client-id"));
      default ->
          throw new ConfigException(
              at
                  + ": unknown type '"
                  + type
                  + "'; known: shared-key, sas, client-credentials, managed-identity");
    };
  }

  private static String plain(Map<String, Object> section, String key, String where)
      throws ConfigException {
    String value = optional(section, key);
    if (value == null) {
      throw new ConfigException(where + ": " + key + " is required");
    }
    return value;
  }

  private static String optional(Map<String, Object> section, String key) {
    Object value = section.get(key);
    return value == null || value.toString().isBlank() ? null : value.toString();
  }
}
