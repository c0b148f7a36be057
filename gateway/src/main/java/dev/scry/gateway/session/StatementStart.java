package dev.scry.gateway.session;

import java.util.Objects;

/**
 * A statement execution that began: who runs it, under which ids and Spark job group, and its SQL as
 * the client sent it (with {@code ?} for parameters: their values are never here). Observers that keep
 * the text must strip it first ({@code SqlDigest}): literals in it may be personal data.
 */
public record StatementStart(
    String id,
    String user,
    String connectionId,
    int statementId,
    String jobGroup,
    String sql,
    long startMillis) {
  public StatementStart {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(user, "user");
    Objects.requireNonNull(connectionId, "connectionId");
    Objects.requireNonNull(jobGroup, "jobGroup");
    sql = sql == null ? "" : sql;
  }
}
