package dev.scry.engine.storage;

import java.io.IOException;
import java.net.URI;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.azurebfs.AzureBlobFileSystem;

/** hadoop-azure's ABFS for {@code abfs://}, closed by the gateway that made it ({@link OwnedFileSystems}). */
public class ScryAbfsFileSystem extends AzureBlobFileSystem {
  @Override
  public void initialize(URI uri, Configuration configuration) throws IOException {
    super.initialize(uri, configuration);
    OwnedFileSystems.opened(configuration, this);
  }
}
