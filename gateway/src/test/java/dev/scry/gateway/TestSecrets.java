package dev.scry.gateway;

import java.util.List;

/**
 * Every password and key the gateway's tests give a gateway or a client. They are constants so that
 * {@link NoSecretsInLogsTest} can look for each of them in every log the suite wrote.
 */
final class TestSecrets {
  private TestSecrets() {}

  static final String ANALYST_PASSWORD = "Secret-Analyst-Pw-7319";
  static final String KEYSTORE_PASSWORD = "Store-Pw-5521";
  static final String SQL_SHELL_PASSWORD = "Shell-User-Pw-4482";
  static final String SQL_SHELL_KEYSTORE_PASSWORD = "Shell-Store-Pw-9107";
  static final String SQL_SHELL_TRUSTSTORE_PASSWORD = "Shell-Trust-Pw-2264";

  /** A storage account key (base64) that the account refuses: StartFailureTest's gateway is given it. */
  static final String WRONG_LAKE_KEY = "c2NyeS1zdGFydC1mYWlsdXJlLXdyb25nLWtleS0wMDAw";

  static List<String> all() {
    return List.of(
        ANALYST_PASSWORD,
        ANALYST_PASSWORD.toLowerCase(),
        KEYSTORE_PASSWORD,
        SQL_SHELL_PASSWORD,
        SQL_SHELL_KEYSTORE_PASSWORD,
        SQL_SHELL_TRUSTSTORE_PASSWORD,
        WRONG_LAKE_KEY);
  }
}
