package dev.scry.engine.predict;

/**
 * Scoring failed: the model could not be loaded or run, or a row's values could not be fed to it. The
 * message names the model version ({@code name:version}) and the model input or column concerned.
 */
public final class ModelScoringException extends RuntimeException {
  public ModelScoringException(String message) {
    super(message);
  }

  public ModelScoringException(String message, Throwable cause) {
    super(message, cause);
  }
}
