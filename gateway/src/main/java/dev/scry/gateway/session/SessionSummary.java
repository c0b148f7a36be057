package dev.scry.gateway.session;

/** One open session as {@code scry.sessions} shows it. */
public record SessionSummary(
    String id,
    String user,
    String protocol,
    int openStatements,
    int runningStatements,
    long idleMillis) {}
