package dev.scry.engine.storage;

import java.io.IOException;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.hadoop.fs.azurebfs.contracts.exceptions.AbfsRestOperationException;
import org.apache.hadoop.fs.azurebfs.contracts.exceptions.AzureBlobFileSystemException;
import org.apache.hadoop.fs.azurebfs.contracts.services.AzureServiceErrorCode;
import org.apache.spark.SparkThrowable;

/**
 * What an exception chain says about a lake request: hadoop-azure's HTTP status, error codes, the service's
 * description, the method and URL of the request, the network error under a request that got no answer,
 * and the file Spark was reading. Read from hadoop-azure's exceptions and their messages
 * ({@code Operation failed: "DESCRIPTION", STATUS, METHOD, URL, rId: ID[, CODE, "MESSAGE"]}), which
 * Hadoop's FileSystem wraps in FileNotFound/AccessDenied exceptions and Spark in FAILED_READ_FILE.
 */
record StorageErrorChain(
    boolean fromAbfs,
    int status,
    List<String> codes,
    Optional<String> description,
    Optional<String> method,
    Optional<String> requestUrl,
    Optional<IOException> network,
    boolean tokenFetch,
    Optional<String> sparkReadPath,
    Optional<LakeLocation> mentioned) {
  private static final Pattern OPERATION_FAILED =
      Pattern.compile(
          "Operation failed: \"([^\"]*)\", (-?\\d+), ([A-Z]+), (\\S+), rId: [^,\\s]*(?:, ([A-Za-z]+),)?");
  private static final Pattern ERROR_CODE = Pattern.compile("error code: ([A-Za-z]+)");
  private static final int MAX_DEPTH = 64;

  static StorageErrorChain of(Throwable error) {
    Reader reader = new Reader();
    Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
    for (Throwable t = error;
        t != null && seen.size() < MAX_DEPTH && seen.add(t);
        t = t.getCause()) {
      reader.read(t);
    }
    return new StorageErrorChain(
        reader.fromAbfs,
        reader.status,
        List.copyOf(reader.codes),
        Optional.ofNullable(reader.description),
        Optional.ofNullable(reader.method),
        Optional.ofNullable(reader.requestUrl),
        Optional.ofNullable(reader.network),
        reader.tokenFetch,
        Optional.ofNullable(reader.sparkReadPath),
        Optional.ofNullable(reader.mentioned));
  }

  boolean hasCode(String code) {
    return codes.stream().anyMatch(code::equalsIgnoreCase);
  }

  /** Collects the facts, outermost exception first; the first value found of each kind wins. */
  private static final class Reader {
    boolean fromAbfs;
    int status;
    final Set<String> codes = new LinkedHashSet<>();
    String description;
    String method;
    String requestUrl;
    IOException network;
    boolean tokenFetch;
    String sparkReadPath;
    LakeLocation mentioned;

    void read(Throwable t) {
      String message = t.getMessage();
      if (t instanceof SparkThrowable spark
          && spark.getCondition() != null
          && spark.getCondition().startsWith("FAILED_READ_FILE")) {
        Map<String, String> parameters = spark.getMessageParameters();
        sparkReadPath = sparkReadPath != null ? sparkReadPath : parameters.get("path");
      }
      if (t instanceof AbfsRestOperationException rest) {
        fromAbfs = true;
        if (status == 0 && rest.getStatusCode() != 0) {
          status = rest.getStatusCode();
        }
        AzureServiceErrorCode code = rest.getErrorCode();
        if (code != null && code != AzureServiceErrorCode.UNKNOWN && code.getErrorCode() != null) {
          codes.add(code.getErrorCode());
        }
      } else if (t instanceof AzureBlobFileSystemException) {
        fromAbfs = true;
      }
      if (network == null && NetworkCause.isNetwork(t)) {
        network = (IOException) t;
      }
      if (message == null) {
        return;
      }
      // hadoop-azure's token providers (client credentials, managed identity) say so in their
      // messages.
      tokenFetch |= message.contains("AADToken") || message.contains("Unable to get token");
      readOperationFailed(message);
      Matcher code = ERROR_CODE.matcher(message);
      while (code.find()) {
        if (!code.group(1).equals("null")) {
          codes.add(code.group(1));
        }
      }
      if (mentioned == null) {
        mentioned = LakeLocation.findUri(message).orElse(null);
      }
    }

    private void readOperationFailed(String message) {
      Matcher failed = OPERATION_FAILED.matcher(message);
      if (!failed.find()) {
        return;
      }
      description = description != null ? description : failed.group(1);
      if (status == 0) {
        status = Integer.parseInt(failed.group(2));
      }
      method = method != null ? method : failed.group(3);
      requestUrl = requestUrl != null ? requestUrl : failed.group(4);
      if (failed.group(5) != null) {
        codes.add(failed.group(5));
      }
    }
  }
}
