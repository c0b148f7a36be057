package dev.scry.gateway.flight;

import dev.scry.gateway.session.Outcome;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.apache.arrow.flight.CallStatus;
import org.apache.arrow.flight.FlightStatusCode;

/**
 * The runs of a session's statements that FlightInfos announced and clients read: each endpoint of a
 * run is readable once, the first reader starts the run (the others share its result), and the run
 * is forgotten when every endpoint has been read, or with its statement.
 */
final class EndpointRuns {
  private final Map<Integer, Run> runs = new ConcurrentHashMap<>();
  private long nextRun;

  /** A new run of operation {@code operationId} in {@code parts}; an unread earlier run is replaced. */
  synchronized long open(int operationId, int parts) {
    long id = nextRun++;
    runs.put(operationId, new Run(id, parts));
    return id;
  }

  /** Takes the endpoint of {@code ticket}: its run, which no one else reads this part of. */
  Run claim(int operationId, EndpointTicket ticket) {
    if (ticket.run() == EndpointTicket.FRESH_RUN) {
      return new Run(EndpointTicket.FRESH_RUN, 1).claim(0);
    }
    Run run = runs.get(operationId);
    if (run == null || run.id != ticket.run() || run.parts != ticket.parts()) {
      throw alreadyRead();
    }
    return run.claim(ticket.part());
  }

  /** Forgets the run when every part of it has ended; true when this was the last. */
  boolean ended(int operationId, Run run) {
    if (run.partEnded()) {
      runs.remove(operationId, run);
      return true;
    }
    return false;
  }

  void forget(int operationId) {
    runs.remove(operationId);
  }

  static RuntimeException alreadyRead() {
    return new CallStatus(
            FlightStatusCode.NOT_FOUND,
            null,
            "This endpoint of the result was already read or its statement was run again: ask for"
                + " the statement's FlightInfo again",
            null)
        .toRuntimeException();
  }

  /** One run: its parts, which of them are taken, and its outcome once the first reader started it. */
  static final class Run {
    private final long id;
    private final int parts;
    private final boolean[] claimed;
    private int ended;
    private Outcome outcome;
    private RuntimeException failure;

    private Run(long id, int parts) {
      this.id = id;
      this.parts = parts;
      this.claimed = new boolean[parts];
    }

    private synchronized Run claim(int part) {
      if (claimed[part]) {
        throw alreadyRead();
      }
      claimed[part] = true;
      return this;
    }

    /** The run's outcome, started by the first of its readers; the others wait for it. */
    synchronized Outcome outcome(Supplier<Outcome> start) {
      if (failure != null) {
        throw failure;
      }
      if (outcome == null) {
        try {
          outcome = start.get();
        } catch (RuntimeException e) {
          failure = e;
          throw e;
        }
      }
      return outcome;
    }

    private synchronized boolean partEnded() {
      return ++ended == parts;
    }
  }
}
