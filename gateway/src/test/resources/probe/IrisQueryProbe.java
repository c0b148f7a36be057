import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;

/**
 * A JDBC client with nothing but the Scry driver jar on its class path (run with Java's single-file
 * source launcher): scores iris through the gateway at args[0] and prints "rows=N agreeing=M", then
 * "predictFunctions=K", the rows of DatabaseMetaData.getFunctions(null, null, "PREDICT").
 */
public class IrisQueryProbe {
  public static void main(String[] args) throws Exception {
    String sql = "SELECT Species, output_label FROM PREDICT(MODEL => 'iris_rf', DATA => (SELECT Species, "
        + "ARRAY[Sepal_Length, Sepal_Width, Petal_Length, Petal_Width] AS float_input FROM iris))";
    int rows = 0;
    int agreeing = 0;
    try (Connection connection = DriverManager.getConnection(args[0]);
        Statement statement = connection.createStatement();
        ResultSet rs = statement.executeQuery(sql)) {
      while (rs.next()) {
        rows++;
        String species = rs.getString(1);
        long label = rs.getLong(2);
        long expected = species.equals("setosa") ? 0 : species.equals("versicolor") ? 1 : 2;
        if (label == expected) {
          agreeing++;
        }
      }
    }
    System.out.println("rows=" + rows + " agreeing=" + agreeing);
    int predictFunctions = 0;
    try (Connection connection = DriverManager.getConnection(args[0]);
        ResultSet rs = connection.getMetaData().getFunctions(null, null, "PREDICT")) {
      while (rs.next()) {
        predictFunctions++;
      }
    }
    System.out.println("predictFunctions=" + predictFunctions);
  }
}
