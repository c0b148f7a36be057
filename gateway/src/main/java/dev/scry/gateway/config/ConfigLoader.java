package dev.scry.gateway.config;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Reads and checks the YAML configuration file. */
public final class ConfigLoader {
  private static final ObjectMapper YAML =
      new ObjectMapper(new YAMLFactory()).enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

  private ConfigLoader() {}

  public static ScryConfig load(Path file) throws ConfigException {
    if (!Files.isRegularFile(file)) {
      throw new ConfigException("Configuration file not found: " + file);
    }
    ScryConfig config;
    try {
      config = YAML.readValue(file.toFile(), ScryConfig.class);
    } catch (UnrecognizedPropertyException e) {
      throw new ConfigException(
          file
              + ": unknown key '"
              + e.getPropertyName()
              + "' at line "
              + YamlErrors.keyLine(file, e.getPropertyName(), e)
              + "; known keys here: "
              + e.getKnownPropertyIds());
    } catch (JsonProcessingException e) {
      throw new ConfigException(YamlErrors.describe(file, e));
    } catch (IOException e) {
      throw new ConfigException("Cannot read " + file + ": " + e.getMessage());
    }
    if (config == null) {
      config = new ScryConfig(null, null, null, null, false, null);
    }
    check(config, file);
    return config;
  }

  private static void checkServer(ScryConfig config, List<String> problems) {
    ScryConfig.AuthConfig auth = config.server().auth();
    String type = auth.type().toLowerCase(Locale.ROOT);
    if (type.equals("basic")) {
      if (auth.users().isEmpty()) {
        problems.add("server.auth.type basic needs at least one entry under server.auth.users");
      }
      for (ScryConfig.UserConfig user : auth.users()) {
        if (user.name() == null || user.name().isBlank() || user.name().contains(":")) {
          problems.add("server.auth.users: every user needs a name without ':'");
        } else if ((user.passwordEnv() == null) == (user.passwordFile() == null)) {
          problems.add(
              "server.auth.users '"
                  + user.name()
                  + "': name exactly one of password-env and password-file");
        }
      }
    } else if (!type.equals("none")) {
      problems.add("server.auth.type must be none or basic, not '" + auth.type() + "'");
    }
    ScryConfig.TlsConfig tls = config.server().tls();
    if (tls != null) {
      if (tls.keystore() == null) {
        problems.add("server.tls.keystore is required (a PKCS12 or JKS file)");
      }
      if ((tls.passwordEnv() == null) == (tls.passwordFile() == null)) {
        problems.add("server.tls: name exactly one of password-env and password-file");
      }
    }
    ScryConfig.LimitsConfig limits = config.limits();
    checkPositive(problems, "limits.max-connections", limits.maxConnections());
    checkPositive(
        problems, "limits.max-statements-per-connection", limits.maxStatementsPerConnection());
    checkPositive(problems, "limits.idle-timeout-seconds", limits.idleTimeoutSeconds());
    checkPositive(problems, "limits.max-rows-per-frame", limits.maxRowsPerFrame());
    checkPositive(problems, "limits.query-timeout-seconds", limits.queryTimeoutSeconds());
    ScryConfig.ResultCacheConfig cache = config.resultCache();
    checkPositive(problems, "result-cache.ttl-seconds", cache.ttlSeconds());
    checkPositive(problems, "result-cache.max-entries", cache.maxEntries());
    checkPositive(problems, "result-cache.max-bytes", cache.maxBytes());
    checkPositive(problems, "result-cache.max-result-bytes", cache.maxResultBytes());
  }

  private static void checkPositive(List<String> problems, String key, Long value) {
    if (value != null && value < 1) {
      problems.add(key + " must be a positive number: " + value);
    }
  }

  private static void checkPositive(List<String> problems, String key, Integer value) {
    if (value != null && value < 1) {
      problems.add(key + " must be a positive number: " + value);
    }
  }

  /** Rejects what this version does not support yet, rather than ignoring it silently. */
  static void check(ScryConfig config, Path file) throws ConfigException {
    List<String> problems = new ArrayList<>();
    checkServer(config, problems);
    for (ScryConfig.StorageConfig storage : config.storage()) {
      String name = storage.name() == null ? "(unnamed)" : storage.name();
      if (storage.isAccount()) {
        try {
          LakeAccount.from(storage, SecretSource.system());
        } catch (ConfigException e) {
          problems.add(e.getMessage());
        }
      } else if (storage.retry() != null) {
        problems.add(
            "storage '" + name + "': retry applies to storage accounts only, not to a local root");
      } else if (storage.root() == null) {
        problems.add(
            "storage '" + name + "': give root (a local folder) or account (a storage account)");
      } else if (!Path.of(storage.root()).isAbsolute()) {
        problems.add("storage '" + name + "': root must be an absolute path: " + storage.root());
      }
    }
    if (config.server().port() < 0 || config.server().port() > 65535) {
      problems.add("server.port must be between 0 and 65535: " + config.server().port());
    }
    if (config.server().metrics().queryHistory() < 1) {
      problems.add(
          "server.metrics.query-history must be at least 1: "
              + config.server().metrics().queryHistory());
    }
    ScryConfig.FlightConfig flight = config.server().flight();
    if (flight != null && (flight.port() < 0 || flight.port() > 65535)) {
      problems.add("server.flight.port must be between 0 and 65535: " + flight.port());
    }
    if (!problems.isEmpty()) {
      throw new ConfigException(file + ": " + String.join("; ", problems));
    }
  }
}
