package dev.scry.engine.storage;

import java.net.UnknownHostException;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * A fault of the lake (ADLS Gen2 through hadoop-azure) found in an exception chain, told in one sentence
 * that names the location, the account, the container and the cause in words:
 * {@code Cannot read 'abfs://data@acct.dfs.core.windows.net/t/part-0.parquet': the storage account 'acct'
 * could not be reached (connection refused)}. The sentence holds no class names and no query strings
 * (hadoop-azure's request URLs may carry SAS signatures), only what this record holds.
 *
 * <p>Recognised: hadoop-azure's errors as they come (HTTP status and error code, or status -1 with the
 * network error under it), wrapped by Hadoop's FileSystem (file-not-found, access-denied) or by Spark
 * (FAILED_READ_FILE, whose path is taken as the location), and network errors under any exception that
 * names an abfs(s):// location.
 */
public record StorageFailure(
    Kind kind,
    Operation operation,
    Optional<String> location,
    Optional<String> account,
    Optional<String> container,
    String cause) {

  /** What went wrong, in the terms a user acts on. */
  public enum Kind {
    /** No answer: unknown host, connection refused or timed out, TLS failure. */
    UNREACHABLE,
    /** Connected, but no answer within the read timeout. */
    TIMED_OUT,
    /** The account did not accept the credential (wrong key, expired SAS). */
    CREDENTIAL_REFUSED,
    /** No OAuth access token could be had for the account (client credentials, managed identity). */
    NO_ACCESS_TOKEN,
    /** The credential was accepted but does not allow this request (roles, ACLs, SAS permissions). */
    PERMISSION_DENIED,
    CONTAINER_NOT_FOUND,
    PATH_NOT_FOUND,
    /** The account asked to slow down (HTTP 429, 503). */
    THROTTLED,
    /** Any other answer from the service. */
    SERVICE_ERROR
  }

  /** What the failed request did, as far as the chain tells. */
  public enum Operation {
    READ,
    WRITE,
    ACCESS;

    String verb() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  public StorageFailure {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(operation, "operation");
    Objects.requireNonNull(location, "location");
    Objects.requireNonNull(account, "account");
    Objects.requireNonNull(container, "container");
    Objects.requireNonNull(cause, "cause");
  }

  /** The storage fault in {@code error}'s chain, if it holds one. */
  public static Optional<StorageFailure> find(Throwable error) {
    return find(error, null);
  }

  /**
   * The storage fault in {@code error}'s chain; {@code location} (an abfs(s):// URI the caller was
   * working on, may be null) names the place when the chain itself does not, as for requests that got
   * no answer.
   */
  public static Optional<StorageFailure> find(Throwable error, String location) {
    if (error == null) {
      return Optional.empty();
    }
    StorageErrorChain chain = StorageErrorChain.of(error);
    boolean answered = chain.status() > 0;
    boolean unanswered =
        chain.network().isPresent()
            && (chain.fromAbfs()
                || chain.mentioned().isPresent()
                || location != null
                || chain.sparkReadPath().isPresent());
    if (!answered && !unanswered && !chain.tokenFetch()) {
      return Optional.empty();
    }
    Optional<LakeLocation> where = place(chain, location);
    Operation operation = operation(chain);
    Kind kind = kind(chain);
    return Optional.of(
        new StorageFailure(
            kind,
            operation,
            where.flatMap(LakeLocation::uri),
            where.map(LakeLocation::account),
            where.flatMap(LakeLocation::container),
            cause(kind, chain)));
  }

  /**
   * The fault in words, without the location:
   * {@code the storage account 'acct' could not be reached (connection refused)}.
   */
  public String reason() {
    String theAccount =
        account.map(a -> "the storage account '" + a + "'").orElse("the storage account");
    return switch (kind) {
      case UNREACHABLE -> theAccount + " could not be reached (" + cause + ")";
      case TIMED_OUT -> theAccount + " did not answer in time (" + cause + ")";
      case CREDENTIAL_REFUSED -> theAccount + " refused the credential (" + cause + ")";
      case NO_ACCESS_TOKEN ->
          "no access token could be obtained for " + theAccount + " (" + cause + ")";
      case PERMISSION_DENIED ->
          "the credential for "
              + account.map(a -> "storage account '" + a + "'").orElse("the storage account")
              + " does not allow this ("
              + cause
              + ")";
      case CONTAINER_NOT_FOUND ->
          "the container "
              + container.map(c -> "'" + c + "' ").orElse("")
              + "does not exist in "
              + account.map(a -> "account '" + a + "'").orElse("the storage account");
      case PATH_NOT_FOUND -> "no such file or folder (" + cause + ")";
      case THROTTLED -> theAccount + " is busy (" + cause + "); try again later";
      case SERVICE_ERROR -> theAccount + " failed the request (" + cause + ")";
    };
  }

  /** One sentence: {@code Cannot read 'LOCATION': REASON}, or the reason alone when no location is known. */
  public String message() {
    if (location.isEmpty()) {
      String reason = reason();
      return Character.toUpperCase(reason.charAt(0)) + reason.substring(1);
    }
    return "Cannot " + operation.verb() + " '" + location.get() + "': " + reason();
  }

  private static Optional<LakeLocation> place(StorageErrorChain chain, String location) {
    if (location != null) {
      Optional<LakeLocation> given = LakeLocation.ofUri(location);
      if (given.isPresent()) {
        return given;
      }
    }
    return chain
        .sparkReadPath()
        .flatMap(LakeLocation::ofUri)
        .or(chain::mentioned)
        .or(() -> chain.requestUrl().flatMap(LakeLocation::ofRequestUrl))
        .or(
            () ->
                chain
                    .network()
                    .filter(UnknownHostException.class::isInstance)
                    .flatMap(unknown -> LakeLocation.ofHost(unknown.getMessage())));
  }

  private static Operation operation(StorageErrorChain chain) {
    if (chain.sparkReadPath().isPresent()) {
      return Operation.READ;
    }
    return chain
        .method()
        .map(m -> m.equals("GET") || m.equals("HEAD") ? Operation.READ : Operation.WRITE)
        .orElse(Operation.ACCESS);
  }

  private static Kind kind(StorageErrorChain chain) {
    int status = chain.status();
    if (chain.tokenFetch()) {
      return Kind.NO_ACCESS_TOKEN;
    }
    if (status <= 0) {
      return chain
          .network()
          .map(n -> NetworkCause.isReadTimeout(n) ? Kind.TIMED_OUT : Kind.UNREACHABLE)
          .orElse(Kind.SERVICE_ERROR);
    }
    String description = chain.description().orElse("").toLowerCase(Locale.ROOT);
    return switch (status) {
      case 404 ->
          chain.hasCode("ContainerNotFound")
                  || chain.hasCode("FilesystemNotFound")
                  || description.contains("container does not exist")
                  || description.contains("filesystem does not exist")
              ? Kind.CONTAINER_NOT_FOUND
              : Kind.PATH_NOT_FOUND;
      case 401 -> Kind.CREDENTIAL_REFUSED;
      case 403 ->
          chain.hasCode("AuthenticationFailed")
                  || chain.hasCode("InvalidAuthenticationInfo")
                  || description.contains("failed to authenticate")
              ? Kind.CREDENTIAL_REFUSED
              : Kind.PERMISSION_DENIED;
      case 429, 503 -> Kind.THROTTLED;
      default -> Kind.SERVICE_ERROR;
    };
  }

  private static String cause(Kind kind, StorageErrorChain chain) {
    if (chain.status() <= 0) {
      return chain.network().map(NetworkCause::words).orElse("the request got no answer");
    }
    String codes = chain.codes().isEmpty() ? "" : ", " + String.join(", ", chain.codes());
    String http = "HTTP " + chain.status() + codes;
    return switch (kind) {
      case CREDENTIAL_REFUSED -> "authentication failed: " + http;
      case PERMISSION_DENIED -> "access denied: " + http;
      default -> chain.description().map(d -> http + ": " + trimmed(d)).orElse(http);
    };
  }

  /** The service's description, without a trailing full stop (it goes inside parentheses). */
  private static String trimmed(String description) {
    String text = description.strip();
    return text.endsWith(".") ? text.substring(0, text.length() - 1) : text;
  }
}
