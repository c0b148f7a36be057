package dev.scry.engine.storage;

import java.io.IOException;
import java.net.URI;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.azurebfs.SecureAzureBlobFileSystem;

/** hadoop-azure's ABFS for {@code abfss://}, closed by the gateway that made it ({@link OwnedFileSystems}). */
public class ScrySecureAbfsFileSystem extends SecureAzureBlobFileSystem {
  @Override
  public void initialize(URI uri, Configuration configuration) throws IOException {
    super.initialize(uri, configuration);
    OwnedFileSystems.opened(configuration, this);
  }
}
