import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Adds Scry's T-SQL PREDICT to the table-reference production TableRef3 of Calcite's unpacked grammar
 * template (planner/target/codegen/templates/Parser.jj), as a first alternative that calls
 * ScryTsqlPredict() from planner/src/main/codegen/includes/parserImpls.ftl. Calcite's config.fmpp has no
 * hook for FROM-clause items, hence this patch.
 *
 * Run by the planner build as a single-file Java program: java PatchCalciteParser.java Parser.jj
 * Exits non-zero, failing the build, when the anchor is not found exactly once, so a Calcite upgrade that
 * changes TableRef3 cannot silently drop the T-SQL form. A template that is already patched is left alone.
 */
public class PatchCalciteParser {
  private static final String MARKER = "tableRef = ScryTsqlPredict() // Scry";

  /** The start of TableRef3's body: its first alternative, a table name. */
  private static final Pattern ANCHOR = Pattern.compile(
      "(SqlNode TableRef3\\(ExprContext exprContext, boolean lateral\\) :\\s*\\{[^}]*\\}\\s*\\{\\s*\\(\\s*?\\n)"
          + "(\\s*)(LOOKAHEAD\\(2\\)\\s*tableName = CompoundTableIdentifier\\(\\) \\{ s = span\\(\\); \\})");

  public static void main(String[] args) throws IOException {
    if (args.length != 1) {
      fail("usage: java PatchCalciteParser.java <Parser.jj>");
    }
    Path template = Path.of(args[0]);
    String text = Files.readString(template, StandardCharsets.UTF_8);
    text = addVersionSnapshot(template, text);
    if (text.contains(MARKER)) {
      Files.writeString(template, text, StandardCharsets.UTF_8);
      System.out.println("PatchCalciteParser: " + template + " already has the T-SQL PREDICT");
      return;
    }
    Matcher matcher = ANCHOR.matcher(text);
    if (!matcher.find()) {
      fail("the start of TableRef3 ('LOOKAHEAD(2) tableName = CompoundTableIdentifier() { s = span(); }') was not"
          + " found in " + template + ". Calcite's Parser.jj changed: update build-tools/PatchCalciteParser.java"
          + " so that the T-SQL PREDICT (ScryTsqlPredict in parserImpls.ftl) stays in the grammar.");
    }
    String indent = matcher.group(2);
    String alternative = indent + "LOOKAHEAD(<PREDICT> <LPAREN> <MODEL> <EQ>) " + MARKER
        + " (build-tools/PatchCalciteParser.java)\n" + indent + "|\n";
    String patched = text.substring(0, matcher.end(1)) + alternative + text.substring(matcher.start(2));
    if (ANCHOR.matcher(patched.substring(matcher.end(1) + alternative.length())).find()) {
      fail("the start of TableRef3 was found more than once in " + template);
    }
    Files.writeString(template, patched, StandardCharsets.UTF_8);
    System.out.println("PatchCalciteParser: added the T-SQL PREDICT to TableRef3 in " + template);
  }

  // Delta time travel: a block of its own.
  private static final String VERSION_MARKER = "tableRef = ScryVersionSnapshot(tableRef) // Scry";

  /** Calcite's FOR SYSTEM_TIME AS OF after a table name, the one place a table reference takes it. */
  private static final String SNAPSHOT_ANCHOR = "[ tableRef = Snapshot(tableRef) ]";

  /**
   * Lets {@code FOR VERSION AS OF n} (ScryVersionSnapshot in parserImpls.ftl) stand where Calcite takes
   * {@code FOR SYSTEM_TIME AS OF}: both start with FOR, so the Scry form is tried first, when the tokens
   * after FOR are VERSION, or SYSTEM_TIME AS OF VERSION (how Calcite writes the parsed form back).
   */
  private static String addVersionSnapshot(Path template, String text) {
    if (text.contains(VERSION_MARKER)) {
      return text;
    }
    int at = text.indexOf(SNAPSHOT_ANCHOR);
    if (at < 0 || text.indexOf(SNAPSHOT_ANCHOR, at + 1) >= 0) {
      fail("'" + SNAPSHOT_ANCHOR + "' was not found exactly once in " + template + ". Calcite's"
          + " Parser.jj changed: update build-tools/PatchCalciteParser.java so that FOR VERSION AS OF"
          + " (ScryVersionSnapshot in parserImpls.ftl) stays in the grammar.");
    }
    System.out.println("PatchCalciteParser: added FOR VERSION AS OF to TableRef3 in " + template);
    return text.substring(0, at)
        + "[ LOOKAHEAD(<FOR> (<VERSION> | <SYSTEM_TIME> <AS> <OF> <VERSION>)) " + VERSION_MARKER + " (build-tools/PatchCalciteParser.java)\n"
        + "            | tableRef = Snapshot(tableRef) ]"
        + text.substring(at + SNAPSHOT_ANCHOR.length());
  }
  // end of Delta time travel

  private static void fail(String message) {
    System.err.println("PatchCalciteParser: " + message);
    System.exit(1);
  }
}
