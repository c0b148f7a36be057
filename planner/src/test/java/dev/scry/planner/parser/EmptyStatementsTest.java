package dev.scry.planner.parser;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class EmptyStatementsTest {
  @Test
  void nothingButBlanksCommentsAndSemicolonsIsEmpty() {
    assertTrue(EmptyStatements.isEmpty(null));
    assertTrue(EmptyStatements.isEmpty(""));
    assertTrue(EmptyStatements.isEmpty(" \n\t;"));
    assertTrue(EmptyStatements.isEmpty("-- a comment"));
    assertTrue(EmptyStatements.isEmpty("/* one */ -- two\n/* three\n */"));
  }

  @Test
  void anythingElseIsForTheParser() {
    assertFalse(EmptyStatements.isEmpty("SELECT 1"));
    assertFalse(EmptyStatements.isEmpty("-- comment\nSELECT 1"));
    assertFalse(EmptyStatements.isEmpty("/* unclosed comment"));
    assertFalse(EmptyStatements.isEmpty("'-- a string'"));
  }
}
