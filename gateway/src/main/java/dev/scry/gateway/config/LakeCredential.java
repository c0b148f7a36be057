package dev.scry.gateway.config;

import java.util.Objects;

/**
 * How Scry signs in to a storage account, like a Synapse linked service. The secret-bearing variants
 * print themselves without their secrets, so that a credential never reaches a log by accident.
 */
public sealed interface LakeCredential {
  /** The credential type as the configuration spells it. */
  String type();

  /** The account's access key. */
  record SharedKey(String key) implements LakeCredential {
    public SharedKey {
      Objects.requireNonNull(key, "key");
    }

    @Override
    public String type() {
      return "shared-key";
    }

    @Override
    public String toString() {
      return "SharedKey[key=***]";
    }
  }

  /** A shared access signature (the query string, without a leading '?'). */
  record SasToken(String token) implements LakeCredential {
    public SasToken {
      Objects.requireNonNull(token, "token");
      token = token.startsWith("?") ? token.substring(1) : token;
    }

    @Override
    public String type() {
      return "sas";
    }

    @Override
    public String toString() {
      return "SasToken[token=***]";
    }
  }

  /** An Entra ID (Azure AD) application: OAuth 2.0 client credentials. */
  record ClientCredentials(String tenantId, String clientId, String secret)
      implements LakeCredential {
    public ClientCredentials {
      Objects.requireNonNull(tenantId, "tenantId");
      Objects.requireNonNull(clientId, "clientId");
      Objects.requireNonNull(secret, "secret");
    }

    @Override
    public String type() {
      return "client-credentials";
    }

    @Override
    public String toString() {
      return "ClientCredentials[tenantId=" + tenantId + ", clientId=" + clientId + ", secret=***]";
    }
  }

  /** The managed identity of the machine Scry runs on; a user-assigned one is named by its client id. */
  record ManagedIdentity(String tenantId, String clientId) implements LakeCredential {
    @Override
    public String type() {
      return "managed-identity";
    }
  }
}
