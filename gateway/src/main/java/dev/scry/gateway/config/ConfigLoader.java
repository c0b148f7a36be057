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
  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory())
      .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

  private ConfigLoader() {}

  public static ScryConfig load(Path file) throws ConfigException {
    if (!Files.isRegularFile(file)) {
      throw new ConfigException("Configuration file not found: " + file);
    }
    ScryConfig config;
    try {
      config = YAML.readValue(file.toFile(), ScryConfig.class);
    } catch (UnrecognizedPropertyException e) {
      throw new ConfigException(file + ": unknown key '" + e.getPropertyName() + "' at line "
          + e.getLocation().getLineNr() + "; known keys here: " + e.getKnownPropertyIds());
    } catch (JsonProcessingException e) {
      throw new ConfigException(file + ": " + e.getOriginalMessage() + " at line "
          + (e.getLocation() == null ? "?" : e.getLocation().getLineNr()));
    } catch (IOException e) {
      throw new ConfigException("Cannot read " + file + ": " + e.getMessage());
    }
    if (config == null) {
      config = new ScryConfig(null, null, null, null, false);
    }
    check(config, file);
    return config;
  }

  /** Rejects what this version does not support yet, rather than ignoring it silently. */
  static void check(ScryConfig config, Path file) throws ConfigException {
    List<String> problems = new ArrayList<>();
    String auth = config.server().auth().type().toLowerCase(Locale.ROOT);
    if (!auth.equals("none")) {
      problems.add("server.auth.type '" + auth + "' is not supported yet (use none)");
    }
    for (ScryConfig.StorageConfig storage : config.storage()) {
      String name = storage.name() == null ? "(unnamed)" : storage.name();
      if (storage.isAccount()) {
        try {
          LakeAccount.from(storage, SecretSource.system());
        } catch (ConfigException e) {
          problems.add(e.getMessage());
        }
      } else if (storage.root() == null) {
        problems.add("storage '" + name + "': give root (a local folder) or account (a storage account)");
      } else if (!Path.of(storage.root()).isAbsolute()) {
        problems.add("storage '" + name + "': root must be an absolute path: " + storage.root());
      }
    }
    if (config.server().port() < 0 || config.server().port() > 65535) {
      problems.add("server.port must be between 0 and 65535: " + config.server().port());
    }
    if (!problems.isEmpty()) {
      throw new ConfigException(file + ": " + String.join("; ", problems));
    }
  }
}
