package dev.scry.gateway.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads samples out of a scrape in Prometheus' text format, as a scraper would. */
public final class PrometheusText {
  private static final Pattern LABEL = Pattern.compile("(\\w+)=\"((?:[^\"\\\\]|\\\\.)*)\"");
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  private final String text;

  PrometheusText(String text) {
    this.text = text;
  }

  /** Scrapes {@code /metrics} of the gateway on {@code port}, open to anyone (no authentication). */
  public static PrometheusText scrape(int port) throws IOException, InterruptedException {
    HttpResponse<String> response =
        HTTP.send(
            HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/metrics")).build(),
            HttpResponse.BodyHandlers.ofString());
    assertEquals(200, response.statusCode(), response.body());
    return new PrometheusText(response.body());
  }

  /** The sum of the samples of {@code name} whose labels include {@code labels}; 0 when none. */
  public double value(String name, Map<String, String> labels) {
    double sum = 0;
    for (String line : text.split("\n")) {
      if (line.isBlank() || line.startsWith("#")) {
        continue;
      }
      int brace = line.indexOf('{');
      int space = line.lastIndexOf(' ');
      String sampleName = brace >= 0 ? line.substring(0, brace) : line.substring(0, space);
      if (!sampleName.equals(name)) {
        continue;
      }
      Map<String, String> sampleLabels = new HashMap<>();
      if (brace >= 0) {
        Matcher m = LABEL.matcher(line.substring(brace, line.lastIndexOf('}')));
        while (m.find()) {
          sampleLabels.put(m.group(1), m.group(2));
        }
      }
      if (sampleLabels.entrySet().containsAll(labels.entrySet())) {
        sum += Double.parseDouble(line.substring(space + 1));
      }
    }
    return sum;
  }

  public boolean has(String name) {
    return text.lines().anyMatch(l -> l.startsWith(name + "{") || l.startsWith(name + " "));
  }

  @Override
  public String toString() {
    return text;
  }
}
