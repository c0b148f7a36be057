package dev.scry.engine.storage;

import java.io.IOException;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The lake file systems each gateway's Hadoop settings made in this JVM, so that a stopping gateway
 * closes its own. Hadoop caches a file system per scheme and container@account for the whole JVM, not
 * per configuration: left open, one made for a gateway's account settings (an emulator's endpoint, a
 * key) would serve the next gateway of the JVM, whatever its settings say. Closing one also takes it
 * out of Hadoop's cache. The gateway names itself in its Hadoop configuration ({@link #OWNER}); Scry's
 * ABFS classes ({@link ScryAbfsFileSystem}, {@link ScrySecureAbfsFileSystem}) report here when they
 * start.
 */
public final class OwnedFileSystems {
  /** Hadoop setting: the gateway whose settings make the file systems. */
  public static final String OWNER = "scry.filesystems.owner";

  private static final Logger LOG = LoggerFactory.getLogger(OwnedFileSystems.class);
  private static final Map<String, Set<FileSystem>> OPENED = new ConcurrentHashMap<>();

  private OwnedFileSystems() {}

  /** Remembers {@code fs} for the owner {@code conf} names, if it names one. */
  static void opened(Configuration conf, FileSystem fs) {
    String owner = conf.get(OWNER);
    if (owner != null) {
      OPENED.computeIfAbsent(owner, o -> ConcurrentHashMap.newKeySet()).add(fs);
    }
  }

  /** Closes every file system {@code owner}'s settings made; returns how many. */
  public static int closeAll(String owner) {
    Set<FileSystem> opened = OPENED.remove(owner);
    if (opened == null) {
      return 0;
    }
    for (FileSystem fs : opened) {
      try {
        fs.close();
      } catch (IOException | RuntimeException e) {
        LOG.warn("Could not close the file system of {}", fs.getUri(), e);
      }
    }
    return opened.size();
  }
}
