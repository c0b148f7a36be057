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
    if (text.contains(MARKER)) {
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

  private static void fail(String message) {
    System.err.println("PatchCalciteParser: " + message);
    System.exit(1);
  }
}
