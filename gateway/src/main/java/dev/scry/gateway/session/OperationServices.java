package dev.scry.gateway.session;

import dev.scry.gateway.error.ErrorReporter;
import dev.scry.gateway.exec.StatementExecutor;
import java.util.Objects;

/** What every operation runs with: the executor, the error reporter and the statement observer. */
record OperationServices(
    StatementExecutor executor, ErrorReporter errors, StatementObserver observer) {
  OperationServices {
    Objects.requireNonNull(executor, "executor");
    Objects.requireNonNull(errors, "errors");
    Objects.requireNonNull(observer, "observer");
  }
}
