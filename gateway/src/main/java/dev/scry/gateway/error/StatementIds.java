package dev.scry.gateway.error;

import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Issues the ids that tie what a client is told to the gateway's log: {@code <run>-<n>}, where the run
 * tag is drawn once per gateway so that ids from before and after a restart do not collide in the logs.
 */
public final class StatementIds {
  private final String run;
  private final AtomicLong next = new AtomicLong();

  private StatementIds(String run) {
    this.run = run;
  }

  public static StatementIds newRun() {
    byte[] tag = new byte[2];
    new SecureRandom().nextBytes(tag);
    return new StatementIds(HexFormat.of().formatHex(tag));
  }

  public String next() {
    return run + "-" + next.incrementAndGet();
  }
}
