package dev.scry.gateway.slt;

import java.util.ArrayList;
import java.util.List;

/**
 * Parses sqllogictest's script format: records separated by blank lines; {@code statement ok|error}
 * then SQL; {@code query <types> <sort> [label]} then SQL, {@code ----} and the expected values (one a
 * line) or {@code N values hashing to <md5>}; {@code skipif|onlyif <engine>} before a record;
 * {@code hash-threshold} and comments ({@code #}) are ignored; {@code halt} ends the script.
 */
final class SltScript {
  /** The engine name that {@code onlyif} and {@code skipif} conditions are matched against. */
  static final String ENGINE = "scry";

  private SltScript() {}

  static List<SltRecord> parse(String text) {
    List<SltRecord> records = new ArrayList<>();
    String[] lines = text.split("\n", -1);
    int i = 0;
    while (i < lines.length) {
      String line = lines[i].strip();
      if (line.isEmpty() || line.startsWith("#") || line.startsWith("hash-threshold")) {
        i++;
        continue;
      }
      if (line.equals("halt")) {
        break;
      }
      boolean skip = false;
      while (line.startsWith("skipif ") || line.startsWith("onlyif ")) {
        String engine = line.substring(7).strip();
        skip |= line.startsWith("skipif ") == engine.equals(ENGINE);
        line = lines[++i].strip();
      }
      int start = i + 1;
      String[] words = line.split("\\s+");
      i++;
      StringBuilder sql = new StringBuilder();
      while (i < lines.length && !lines[i].isBlank() && !lines[i].equals("----")) {
        sql.append(sql.length() == 0 ? "" : "\n").append(lines[i]);
        i++;
      }
      List<String> expected = new ArrayList<>();
      if (i < lines.length && lines[i].equals("----")) {
        i++;
        while (i < lines.length && !lines[i].isBlank()) {
          expected.add(lines[i]);
          i++;
        }
      }
      if (skip) {
        continue;
      }
      records.add(record(start, words, sql.toString(), expected));
    }
    return records;
  }

  private static SltRecord record(int line, String[] words, String sql, List<String> expected) {
    if (words[0].equals("statement")) {
      return new SltRecord.Statement(line, sql, words[1].equals("error"));
    }
    if (!words[0].equals("query")) {
      throw new IllegalArgumentException("Line " + line + ": unknown record " + words[0]);
    }
    SltSort sort = words.length > 2 ? SltSort.of(words[2]) : SltSort.NOSORT;
    if (expected.size() == 1 && expected.get(0).contains(" values hashing to ")) {
      String[] parts = expected.get(0).split(" values hashing to ");
      return new SltRecord.Query(
          line,
          sql,
          words[1],
          sort,
          List.of(),
          Integer.parseInt(parts[0].strip()),
          parts[1].strip());
    }
    return new SltRecord.Query(line, sql, words[1], sort, expected, expected.size(), null);
  }
}
