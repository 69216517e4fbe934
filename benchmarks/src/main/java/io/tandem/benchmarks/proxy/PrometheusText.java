package io.tandem.benchmarks.proxy;

import io.tandem.benchmarks.MeterReadings;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One answer of a proxy's {@code GET /metrics} in the Prometheus text format, parsed: its samples by name and
 * labels. Read as {@link MeterReadings} it maps Micrometer names to Prometheus ones the way the proxy's registry
 * does (dots become underscores; counters end in {@code _total}; timers are {@code _seconds_count} and {@code
 * _seconds_sum}).
 */
public final class PrometheusText implements MeterReadings {

  /** One sample line. */
  public record Sample(String name, Map<String, String> labels, double value) {

    /** Whether the sample carries every one of {@code wanted}. */
    boolean carries(Map<String, String> wanted) {
      return wanted.entrySet().stream().allMatch(label -> label.getValue().equals(labels.get(label.getKey())));
    }
  }

  private final List<Sample> samples;

  private PrometheusText(List<Sample> samples) {
    this.samples = samples;
  }

  /** Parses the whole answer; comment lines and lines it cannot read are skipped. */
  public static PrometheusText parse(String text) {
    List<Sample> samples = new ArrayList<>();
    for (String line : text.split("\n")) {
      if (!line.isBlank() && !line.startsWith("#")) {
        Sample sample = sample(line.strip());
        if (sample != null) {
          samples.add(sample);
        }
      }
    }
    return new PrometheusText(samples);
  }

  public List<Sample> samples() {
    return samples;
  }

  /** The sum of the samples called {@code name} that carry every one of {@code labels}; 0 when none. */
  public double sum(String name, Map<String, String> labels) {
    return matching(name, labels).stream().mapToDouble(Sample::value).sum();
  }

  /** Whether a sample called {@code name} carries every one of {@code labels}. */
  public boolean has(String name, Map<String, String> labels) {
    return !matching(name, labels).isEmpty();
  }

  /** The samples called {@code name} that carry every one of {@code labels}. */
  public List<Sample> matching(String name, Map<String, String> labels) {
    return samples.stream().filter(sample -> sample.name().equals(name) && sample.carries(labels)).toList();
  }

  @Override
  public double counter(String name, Map<String, String> tags) {
    return sum(prometheus(name) + "_total", tags);
  }

  @Override
  public TimerReading timer(String name, Map<String, String> tags) {
    String base = prometheus(name) + "_seconds";
    if (!has(base + "_count", tags)) {
      return null;
    }
    return new TimerReading(Math.round(sum(base + "_count", tags)), sum(base + "_sum", tags) * 1000);
  }

  @Override
  public Double gauge(String name) {
    List<Sample> gauge = matching(prometheus(name), Map.of());
    return gauge.isEmpty() ? null : gauge.get(0).value();
  }

  @Override
  public long failedWritesPending() {
    Double pending = gauge("tandem.failed_writes.pending");
    return pending == null ? 0 : Math.round(pending);
  }

  private static String prometheus(String micrometerName) {
    return micrometerName.replace('.', '_');
  }

  /** {@code name{label="value",...} value [timestamp]} or {@code name value}; null when unreadable. */
  private static Sample sample(String line) {
    int brace = line.indexOf('{');
    int space = line.indexOf(' ');
    if (space < 0) {
      return null;
    }
    Map<String, String> labels = new LinkedHashMap<>();
    String name;
    String rest;
    if (brace >= 0 && brace < space) {
      name = line.substring(0, brace);
      int end = labels(line, brace + 1, labels);
      if (end < 0) {
        return null;
      }
      rest = line.substring(end + 1).strip();
    } else {
      name = line.substring(0, space);
      rest = line.substring(space + 1).strip();
    }
    String value = rest.split("\\s+", 2)[0];
    return new Sample(name, Map.copyOf(labels), number(value));
  }

  /** Reads {@code label="value",...} from {@code start} up to the closing brace; returns its index, or -1. */
  private static int labels(String line, int start, Map<String, String> labels) {
    int index = start;
    while (index < line.length()) {
      char first = line.charAt(index);
      if (first == '}') {
        return index;
      }
      if (first == ',' || first == ' ') {
        index++;
        continue;
      }
      int equals = line.indexOf("=\"", index);
      if (equals < 0) {
        return -1;
      }
      String key = line.substring(index, equals);
      StringBuilder value = new StringBuilder();
      index = equals + 2;
      while (index < line.length() && line.charAt(index) != '"') {
        char next = line.charAt(index);
        if (next == '\\' && index + 1 < line.length()) {
          char escaped = line.charAt(++index);
          value.append(escaped == 'n' ? '\n' : escaped);
        } else {
          value.append(next);
        }
        index++;
      }
      labels.put(key, value.toString());
      index++;
    }
    return -1;
  }

  private static double number(String value) {
    return switch (value) {
      case "+Inf" -> Double.POSITIVE_INFINITY;
      case "-Inf" -> Double.NEGATIVE_INFINITY;
      default -> {
        try {
          yield Double.parseDouble(value);
        } catch (NumberFormatException e) {
          yield Double.NaN;
        }
      }
    };
  }
}
