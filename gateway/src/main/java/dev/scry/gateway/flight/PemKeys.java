package dev.scry.gateway.flight;

import dev.scry.gateway.server.GatewayHttpServer;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.util.Base64;
import java.util.Collections;

/**
 * The gateway's TLS key store as the PEM text Flight's server takes (its certificate chain, its
 * PKCS#8 private key), in memory only: the HTTP and the Flight port serve the same certificate from
 * the one configured key store.
 */
final class PemKeys {
  private final byte[] certificateChain;
  private final byte[] privateKey;

  private PemKeys(byte[] certificateChain, byte[] privateKey) {
    this.certificateChain = certificateChain;
    this.privateKey = privateKey;
  }

  static PemKeys from(GatewayHttpServer.TlsKeys tls) {
    char[] password = tls.password().toCharArray();
    try (InputStream in = Files.newInputStream(Path.of(tls.keystorePath()))) {
      KeyStore store = KeyStore.getInstance(tls.keystoreType());
      store.load(in, password);
      for (String alias : Collections.list(store.aliases())) {
        Key key = store.getKey(alias, password);
        if (key instanceof PrivateKey privateKey) {
          StringBuilder chain = new StringBuilder();
          for (Certificate certificate : store.getCertificateChain(alias)) {
            chain.append(pem("CERTIFICATE", certificate.getEncoded()));
          }
          return new PemKeys(
              chain.toString().getBytes(StandardCharsets.US_ASCII),
              pem("PRIVATE KEY", privateKey.getEncoded()).getBytes(StandardCharsets.US_ASCII));
        }
      }
      throw new IllegalArgumentException(
          "server.tls: the key store " + tls.keystorePath() + " holds no private key");
    } catch (IOException | GeneralSecurityException e) {
      throw new IllegalArgumentException(
          "server.tls: cannot read the key store " + tls.keystorePath() + " for the Flight port",
          e);
    }
  }

  InputStream certificateChainStream() {
    return new ByteArrayInputStream(certificateChain);
  }

  InputStream privateKeyStream() {
    return new ByteArrayInputStream(privateKey);
  }

  @Override
  public String toString() {
    return "PemKeys[certificate chain, private key]";
  }

  private static String pem(String type, byte[] der) {
    return "-----BEGIN "
        + type
        + "-----\n"
        + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der)
        + "\n-----END "
        + type
        + "-----\n";
  }
}
