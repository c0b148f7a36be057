package dev.scry.gateway.error;

import dev.scry.planner.ErrorCode;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Classifies a failure, writes its full cause chain to the gateway's log under a statement id (logger
 * {@code dev.scry.gateway.errors}), and gives the client's error, whose message ends with that id.
 * Mistakes in a statement are logged at INFO, faults of the gateway or its storage at WARN.
 */
public final class ErrorReporter {
  private static final Logger LOG = LoggerFactory.getLogger("dev.scry.gateway.errors");
  private static final Set<ErrorCode> FAULTS =
      EnumSet.of(
          ErrorCode.INTERNAL, ErrorCode.STORAGE, ErrorCode.OUT_OF_MEMORY, ErrorCode.TOO_COMPLEX);

  private final ErrorClassifier classifier;
  private final StatementIds ids;

  public ErrorReporter(ErrorClassifier classifier, StatementIds ids) {
    this.classifier = Objects.requireNonNull(classifier, "classifier");
    this.ids = Objects.requireNonNull(ids, "ids");
  }

  /** A new statement id, for a statement or a request that is not one. */
  public String nextId() {
    return ids.next();
  }

  /** The error for the client; an error already reported passes through unchanged. */
  public ReportedError report(String statementId, Throwable failure) {
    if (failure instanceof ReportedError reported) {
      return reported;
    }
    ClientError error = classifier.classify(failure);
    if (FAULTS.contains(error.code())) {
      LOG.warn(
          "statement {} failed with {}: {}",
          statementId,
          error.code().sqlState(),
          error.message(),
          failure);
    } else {
      LOG.info(
          "statement {} failed with {}: {}",
          statementId,
          error.code().sqlState(),
          error.message(),
          failure);
    }
    return new ReportedError(error, statementId);
  }

  /** For a failure outside any statement (metadata, connection requests): a fresh id. */
  public ReportedError report(Throwable failure) {
    return failure instanceof ReportedError reported ? reported : report(ids.next(), failure);
  }
}
