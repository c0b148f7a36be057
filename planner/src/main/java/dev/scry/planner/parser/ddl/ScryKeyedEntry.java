package dev.scry.planner.parser.ddl;

import org.apache.calcite.sql.SqlNode;

/** A key/value entry of a statement's option list, so that repeated keys can be found. */
public interface ScryKeyedEntry {
  /** The key as parsed: an identifier, or a string literal where the grammar allows one. */
  SqlNode key();

  /** The key's text as written (identifier name or string value). */
  String keyName();
}
