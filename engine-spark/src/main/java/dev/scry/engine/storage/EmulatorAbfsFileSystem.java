package dev.scry.engine.storage;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.Path;

/**
 * EMULATOR ONLY: hadoop-azure's ABFS with folder listings made unique, for Azurite (and closed by its
 * gateway, as {@link ScryAbfsFileSystem}). Azurite lists every
 * folder before every file, and hadoop-azure (in its Blob-API mode) only removes duplicates that are next
 * to each other, so a folder with two or more sub-folders is listed twice. Spark's partitioned writes then
 * fail at job commit ({@code FileOutputCommitter.mergePaths} moves the same folder twice, the second time
 * a 404). The gateway names this class for {@code abfs://} only when a storage account has an emulator
 * endpoint; real accounts never use it.
 */
public class EmulatorAbfsFileSystem extends ScryAbfsFileSystem {
  @Override
  public FileStatus[] listStatus(Path folder) throws IOException {
    Map<Path, FileStatus> unique = new LinkedHashMap<>();
    for (FileStatus status : super.listStatus(folder)) {
      unique.putIfAbsent(status.getPath(), status);
    }
    return unique.values().toArray(FileStatus[]::new);
  }
}
