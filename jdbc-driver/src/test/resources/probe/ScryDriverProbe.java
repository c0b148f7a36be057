import java.sql.Driver;
import java.sql.DriverManager;
import java.sql.SQLException;

/**
 * Run by ShadedJarIT as {@code java -cp scry-jdbc.jar ScryDriverProbe.java URL}: reports which driver
 * DriverManager picks for the URL and how connecting fails, one fact per line.
 */
public class ScryDriverProbe {
  public static void main(String[] args) {
    String url = args[0];
    try {
      Driver driver = DriverManager.getDriver(url);
      System.out.println("driver=" + driver.getClass().getName());
      DriverManager.getConnection(url, "probe", "probe-password").close();
      System.out.println("connected");
    } catch (SQLException e) {
      System.out.println("error=" + e.getClass().getName());
      System.out.println("sqlstate=" + e.getSQLState());
      System.out.println("message=" + e.getMessage());
    } catch (Throwable t) {
      System.out.println("unexpected=" + t);
      t.printStackTrace(System.out);
    }
  }
}
