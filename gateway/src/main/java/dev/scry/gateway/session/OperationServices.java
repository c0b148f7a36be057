package dev.scry.gateway.session;

import dev.scry.gateway.error.ErrorReporter;
import dev.scry.gateway.exec.StatementExecutor;
import java.util.Objects;

/**
 * What every operation runs with: the executor, the error reporter, the statement observer and the
 * timer that enforces the gateway's query timeout.
 */
record OperationServices(
    StatementExecutor executor,
    ErrorReporter errors,
    StatementObserver observer,
    StatementTimer timer) {
  OperationServices {
    Objects.requireNonNull(timer, "timer");
    Objects.requireNonNull(executor, "executor");
    Objects.requireNonNull(errors, "errors");
    Objects.requireNonNull(observer, "observer");
  }
}
