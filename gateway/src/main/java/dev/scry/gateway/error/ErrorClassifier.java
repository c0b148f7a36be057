package dev.scry.gateway.error;

import dev.scry.engine.predict.ModelScoringException;
import dev.scry.engine.translate.UnsupportedSqlException;
import dev.scry.planner.ErrorCode;
import dev.scry.planner.ScryException;
import dev.scry.planner.model.InvalidOnnxModelException;
import dev.scry.planner.predict.PredictBindingException;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;
import org.apache.calcite.avatica.NoSuchConnectionException;
import org.apache.calcite.avatica.NoSuchStatementException;
import org.apache.calcite.runtime.CalciteContextException;
import org.apache.calcite.sql.validate.SqlValidatorException;

/**
 * Turns any failure into the {@link ClientError} a client gets. It looks through the whole cause chain
 * for the most telling part (a Spark job failure wraps the task's error, which may wrap a storage
 * fault) and falls back to "internal" for anything it does not know, whose text it never passes on:
 * an unknown exception's message may name classes or carry values the client should not see.
 */
public final class ErrorClassifier {
  private static final Pattern COLUMN_NOT_FOUND =
      Pattern.compile("^(Column|Unknown field) '.*' not found.*|^Unknown (target )?column '.*'.*");
  private static final Pattern TABLE_NOT_FOUND =
      Pattern.compile("^(Object|Table) '.*' not found.*");
  private static final int MAX_DEPTH = 32;

  /** After Scry's own errors and storage faults: each tried on the whole chain, outermost error first. */
  private static final List<Function<Throwable, Optional<ClientError>>> OTHER_CHECKS =
      List.of(
          ErrorClassifier::validation,
          ErrorClassifier::scoring,
          SparkErrors::describe,
          ErrorClassifier::protocol,
          ErrorClassifier::resources);

  public ClientError classify(Throwable error) {
    Optional<ClientError> own = firstInChain(error, ErrorClassifier::ownError);
    if (own.isPresent() && own.get().code() != ErrorCode.STORAGE) {
      return own.get();
    }
    // A storage fault deep in the chain explains the failures wrapped around it, in its own words.
    Optional<ClientError> storage =
        StorageErrors.lake(error)
            .or(() -> firstInChain(error, SparkErrors::storage))
            .or(() -> firstInChain(error, StorageErrors::localFile));
    if (storage.isPresent()) {
      return storage.get();
    }
    if (own.isPresent()) {
      return own.get();
    }
    for (Function<Throwable, Optional<ClientError>> check : OTHER_CHECKS) {
      Optional<ClientError> found = firstInChain(error, check);
      if (found.isPresent()) {
        return found.get();
      }
    }
    return new ClientError(
        ErrorCode.INTERNAL,
        "The gateway failed unexpectedly on this request; its log holds"
            + " the details under the statement id");
  }

  private static Optional<ClientError> firstInChain(
      Throwable error, Function<Throwable, Optional<ClientError>> check) {
    Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
    int depth = 0;
    for (Throwable t = error;
        t != null && depth < MAX_DEPTH && seen.add(t);
        t = t.getCause(), depth++) {
      Optional<ClientError> found = check.apply(t);
      if (found.isPresent()) {
        return found;
      }
    }
    return Optional.empty();
  }

  private static Optional<ClientError> ownError(Throwable t) {
    if (t instanceof ReportedError reported) {
      return Optional.of(reported.clientError());
    }
    if (t instanceof ScryException scry) {
      return Optional.of(new ClientError(scry.code(), scry.getMessage()));
    }
    if (t instanceof PredictBindingException || t instanceof InvalidOnnxModelException) {
      return Optional.of(new ClientError(ErrorCode.SEMANTIC, t.getMessage()));
    }
    if (t instanceof UnsupportedSqlException) {
      return Optional.of(new ClientError(ErrorCode.NOT_SUPPORTED, t.getMessage()));
    }
    return Optional.empty();
  }

  /** Calcite's validation errors: the validator's sentence, at the position it names. */
  private static Optional<ClientError> validation(Throwable t) {
    if (t instanceof CalciteContextException context) {
      String sentence =
          context.getCause() instanceof SqlValidatorException validator
              ? validator.getMessage()
              : stripPosition(context.getMessage());
      String at =
          context.getPosLine() > 0
              ? " at line " + context.getPosLine() + ", column " + context.getPosColumn()
              : "";
      return Optional.of(new ClientError(validationCode(sentence), sentence + at));
    }
    if (t instanceof SqlValidatorException validator) {
      return Optional.of(
          new ClientError(validationCode(validator.getMessage()), validator.getMessage()));
    }
    return Optional.empty();
  }

  static ErrorCode validationCode(String sentence) {
    if (COLUMN_NOT_FOUND.matcher(sentence).matches()) {
      return ErrorCode.COLUMN_NOT_FOUND;
    }
    if (TABLE_NOT_FOUND.matcher(sentence).matches()) {
      return ErrorCode.TABLE_NOT_FOUND;
    }
    return ErrorCode.SEMANTIC;
  }

  /** "From line 1, column 8 to line 1, column 16: sentence" without its position prefix. */
  private static String stripPosition(String message) {
    int colon = message.indexOf(": ");
    return message.startsWith("From line ") && colon > 0 ? message.substring(colon + 2) : message;
  }

  /** A value ONNX Runtime could not take, or a model that failed on the data: the rows are at fault. */
  private static Optional<ClientError> scoring(Throwable t) {
    return t instanceof ModelScoringException
        ? Optional.of(new ClientError(ErrorCode.DATA, t.getMessage()))
        : Optional.empty();
  }

  private static Optional<ClientError> protocol(Throwable t) {
    if (t instanceof NoSuchConnectionException) {
      return Optional.of(
          new ClientError(
              ErrorCode.CONNECTION_NOT_OPEN,
              "The connection is not open on this gateway"
                  + " (closed, expired, or the gateway restarted); open a new connection"));
    }
    if (t instanceof NoSuchStatementException) {
      return Optional.of(
          new ClientError(
              ErrorCode.SEMANTIC,
              "The statement is not open on this gateway (closed, or"
                  + " its connection expired); create it again"));
    }
    return Optional.empty();
  }

  private static Optional<ClientError> resources(Throwable t) {
    if (t instanceof StackOverflowError) {
      return Optional.of(
          new ClientError(
              ErrorCode.TOO_COMPLEX,
              "The statement is nested too deeply for the gateway"
                  + " to plan; simplify it, e.g. split long chains of operators or nested calls"));
    }
    if (t instanceof OutOfMemoryError) {
      return Optional.of(
          new ClientError(
              ErrorCode.OUT_OF_MEMORY,
              "The gateway ran out of memory; fetch fewer rows"
                  + " at once, or give the gateway more heap"));
    }
    return Optional.empty();
  }
}
