package dev.scry.engine.predict;

import dev.scry.planner.predict.ModelRef;
import java.io.IOException;
import java.io.InputStream;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.SparkEnv;
import org.apache.spark.deploy.SparkHadoopUtil;

/**
 * Reads model bytes through Hadoop's FileSystem (file:, abfs:, abfss: …) with the Hadoop configuration of
 * the running Spark application, so that executors reach the registry with the same storage credentials
 * ({@code spark.hadoop.*} settings) as the driver.
 */
public final class HadoopModelBytes implements ModelBytesSource {
  @Override
  public byte[] read(ModelRef model) throws IOException {
    Path path = new Path(model.location());
    FileSystem fs = path.getFileSystem(configuration());
    FileStatus status = fs.getFileStatus(path);
    if (status.isDirectory()) {
      throw new IOException(model.location() + " is a folder, not an ONNX file");
    }
    if (status.getLen() > Integer.MAX_VALUE - 8) {
      throw new IOException(
          model.location() + " is larger than 2 GB (" + status.getLen() + " bytes)");
    }
    byte[] bytes = new byte[(int) status.getLen()];
    try (InputStream in = fs.open(path)) {
      int read = in.readNBytes(bytes, 0, bytes.length);
      if (read != bytes.length || in.read() != -1) {
        throw new IOException(model.location() + " changed size while it was read");
      }
    }
    return bytes;
  }

  private static Configuration configuration() {
    SparkEnv env = SparkEnv.get();
    return env == null ? new Configuration() : SparkHadoopUtil.get().newConfiguration(env.conf());
  }
}
