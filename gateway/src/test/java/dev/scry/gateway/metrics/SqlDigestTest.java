package dev.scry.gateway.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** What scry.queries keeps of a statement's text: names and keywords, no literal values. */
class SqlDigestTest {
  @Test
  void literalsBecomeMarkers() {
    assertEquals(
        "SELECT ? AS shown, ? AS answer, col1 FROM t WHERE x = ? AND y > ?",
        SqlDigest.of(
            "SELECT 'secret' AS shown,\n  42 AS answer, col1 FROM t WHERE x = 'it''s' AND y > 1.5e3"));
    assertEquals(
        "SELECT ? FROM t WHERE d = DATE ?",
        SqlDigest.of("SELECT X'0AFF' FROM t WHERE d = DATE '2024-01-01'"));
  }

  @Test
  void commentsAndUnterminatedStringsAreDropped() {
    assertEquals("SELECT ? FROM t", SqlDigest.of("SELECT 1 -- password=hunter2\nFROM t /* key */"));
    assertEquals("SELECT ?", SqlDigest.of("SELECT 'never closed secret"));
  }

  @Test
  void longTextIsCut() {
    String digest = SqlDigest.of("SELECT " + "a, ".repeat(1000) + "b FROM t");
    assertTrue(digest.length() <= SqlDigest.MAX_CHARS + 3);
    assertTrue(digest.endsWith("..."));
  }
}
