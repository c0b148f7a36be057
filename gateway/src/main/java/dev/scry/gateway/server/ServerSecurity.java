package dev.scry.gateway.server;

import dev.scry.gateway.config.ConfigException;
import dev.scry.gateway.config.ScryConfig;
import dev.scry.gateway.config.Secrets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** The server's authentication and TLS keys, with their secrets read from the environment or files. */
public record ServerSecurity(
    Optional<BasicAuthenticator> authenticator, Optional<GatewayHttpServer.TlsKeys> tls) {

  /** Reads the configured secrets; a missing one fails with a message naming its variable or file. */
  public static ServerSecurity from(ScryConfig.ServerConfig server) {
    try {
      Optional<BasicAuthenticator> authenticator = Optional.empty();
      if (server.auth().type().toLowerCase(Locale.ROOT).equals("basic")) {
        Map<String, String> passwords = new LinkedHashMap<>();
        for (ScryConfig.UserConfig user : server.auth().users()) {
          passwords.put(
              user.name(),
              Secrets.read(
                  user.passwordEnv(),
                  user.passwordFile(),
                  "server.auth.users '" + user.name() + "'"));
        }
        authenticator = Optional.of(new BasicAuthenticator(passwords));
      }
      Optional<GatewayHttpServer.TlsKeys> tls = Optional.empty();
      ScryConfig.TlsConfig config = server.tls();
      if (config != null) {
        tls =
            Optional.of(
                new GatewayHttpServer.TlsKeys(
                    config.keystore(),
                    config.keystoreType(),
                    Secrets.read(config.passwordEnv(), config.passwordFile(), "server.tls")));
      }
      return new ServerSecurity(authenticator, tls);
    } catch (ConfigException e) {
      throw new IllegalArgumentException(e.getMessage(), e);
    }
  }
}
