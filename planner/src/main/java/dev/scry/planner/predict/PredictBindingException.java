package dev.scry.planner.predict;

/** A model input cannot be filled from the DATA columns, or a model output cannot be returned as columns. */
public final class PredictBindingException extends RuntimeException {
  public PredictBindingException(String message) {
    super(message);
  }
}
