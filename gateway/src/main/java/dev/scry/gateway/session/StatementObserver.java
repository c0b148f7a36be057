package dev.scry.gateway.session;

/**
 * Hears what the protocol layer does with statements: each statement's start, the frames it sends and
 * its end.
 */
public interface StatementObserver {
  StatementObserver NONE = new StatementObserver() {};

  /** A statement execution began. */
  default void statementStarted(StatementStart start) {}

  /** A frame of {@code rows} rows left for the client. */
  default void frameSent(String connectionId, int statementId, int rows) {}

  /**
   * {@code bytes} of Arrow IPC messages (record batches' metadata and bodies) of statement {@code id}'s
   * result left for a Flight SQL client; may come after the statement ended (its last batch of rows).
   */
  default void resultBytesSent(String id, String connectionId, long bytes) {}

  /** A statement ended: its result was read to the end or closed, or it failed. */
  default void statementFinished(StatementRecord record) {}

  /** Both observers hear every event, {@code this} first. */
  default StatementObserver andThen(StatementObserver next) {
    StatementObserver first = this;
    return new StatementObserver() {
      @Override
      public void statementStarted(StatementStart start) {
        first.statementStarted(start);
        next.statementStarted(start);
      }

      @Override
      public void frameSent(String connectionId, int statementId, int rows) {
        first.frameSent(connectionId, statementId, rows);
        next.frameSent(connectionId, statementId, rows);
      }

      @Override
      public void resultBytesSent(String id, String connectionId, long bytes) {
        first.resultBytesSent(id, connectionId, bytes);
        next.resultBytesSent(id, connectionId, bytes);
      }

      @Override
      public void statementFinished(StatementRecord record) {
        first.statementFinished(record);
        next.statementFinished(record);
      }
    };
  }
}
