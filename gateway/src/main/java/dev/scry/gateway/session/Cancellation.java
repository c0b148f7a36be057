package dev.scry.gateway.session;

import dev.scry.planner.ErrorCode;
import dev.scry.planner.ScryException;
import java.time.Duration;

/** The error a cancelled statement ends with, whichever way the cancel arrived (a protocol's cancel, a timeout). */
final class Cancellation {
  private Cancellation() {}

  /**
   * The error for a failed execution: says it was cancelled, or stopped by the gateway's query timeout
   * (when {@code timedOutAfter} is set), keeping the engine's error as cause.
   */
  static Throwable explain(boolean cancelled, Duration timedOutAfter, Throwable error) {
    if (!cancelled) {
      return error;
    }
    return timedOutAfter == null ? cancelledError(error) : timedOutError(timedOutAfter, error);
  }

  static void throwIfCancelled(boolean cancelled) {
    if (cancelled) {
      throw cancelledError(null);
    }
  }

  private static ScryException timedOutError(Duration timeout, Throwable cause) {
    return new ScryException(
        ErrorCode.TIMEOUT,
        "The statement ran longer than the gateway's query timeout of "
            + timeout.toSeconds()
            + " s (limits.query-timeout-seconds) and was stopped with its Spark jobs; narrow it, or"
            + " ask the operator for a longer timeout",
        cause);
  }

  private static ScryException cancelledError(Throwable cause) {
    return new ScryException(
        ErrorCode.CANCELLED,
        "The statement was cancelled (Statement.cancel() or its query timeout);"
            + " its Spark jobs were stopped",
        cause);
  }
}
