package dev.scry.gateway.server;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Checks HTTP Basic credentials against the configured users. Passwords are kept only as SHA-256
 * digests and compared with {@link MessageDigest#isEqual}, which takes the same time however many
 * bytes match; an unknown user costs the same comparison as a known one.
 */
public final class BasicAuthenticator {
  private static final String PREFIX = "Basic ";
  private final Map<String, byte[]> digests = new HashMap<>();
  private final byte[] unknownUserDigest = digest("\u0000scry-no-such-user");

  /** @param passwords user name to password */
  public BasicAuthenticator(Map<String, String> passwords) {
    Objects.requireNonNull(passwords, "passwords");
    passwords.forEach((user, password) -> digests.put(user, digest(password)));
  }

  /** The authenticated user named by an {@code Authorization} header, or empty if it does not pass. */
  public Optional<String> authenticate(String authorizationHeader) {
    if (authorizationHeader == null
        || !authorizationHeader.regionMatches(true, 0, PREFIX, 0, PREFIX.length())) {
      return Optional.empty();
    }
    String decoded;
    try {
      decoded =
          new String(
              Base64.getDecoder().decode(authorizationHeader.substring(PREFIX.length()).trim()),
              StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
    int colon = decoded.indexOf(':');
    if (colon < 0) {
      return Optional.empty();
    }
    String user = decoded.substring(0, colon);
    byte[] expected = digests.getOrDefault(user, unknownUserDigest);
    boolean matches = MessageDigest.isEqual(expected, digest(decoded.substring(colon + 1)));
    return matches && digests.containsKey(user) ? Optional.of(user) : Optional.empty();
  }

  private static byte[] digest(String password) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(password.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
    }
  }
}
