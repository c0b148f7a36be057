package dev.scry.gateway.session;

import dev.scry.planner.ErrorCode;
import dev.scry.planner.ScryException;

/** The error a cancelled statement ends with, whichever way the cancel arrived (a protocol's cancel, a timeout). */
final class Cancellation {
  private Cancellation() {}

  /** The error for a failed execution: says it was cancelled when it was, keeping the engine's error as cause. */
  static Throwable explain(boolean cancelled, Throwable error) {
    return cancelled ? cancelledError(error) : error;
  }

  static void throwIfCancelled(boolean cancelled) {
    if (cancelled) {
      throw cancelledError(null);
    }
  }

  private static ScryException cancelledError(Throwable cause) {
    return new ScryException(
        ErrorCode.CANCELLED,
        "The statement was cancelled (Statement.cancel() or its query timeout);"
            + " its Spark jobs were stopped",
        cause);
  }
}
