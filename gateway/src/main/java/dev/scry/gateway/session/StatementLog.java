package dev.scry.gateway.session;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Writes one log line per finished statement (logger {@code dev.scry.gateway.statements}). */
public final class StatementLog implements StatementObserver {
  private static final Logger LOG = LoggerFactory.getLogger("dev.scry.gateway.statements");

  @Override
  public void statementFinished(StatementRecord r) {
    LOG.info(
        "statement {} user={} connection={} handle={} durationMs={} rows={} outcome={}{}",
        r.id(),
        r.user(),
        r.connectionId(),
        r.statementId(),
        r.durationMillis(),
        r.rows(),
        r.outcome(),
        r.reused() ? " reused=true" : "");
  }
}
