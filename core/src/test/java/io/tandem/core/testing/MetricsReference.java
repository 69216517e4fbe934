package io.tandem.core.testing;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The meters documented in {@code docs/metrics.md}, so that each module's tests can check that every meter
 * it registers is documented with its type and tags, and that the documentation names no meter that does
 * not exist. A meter is documented by a table row whose cells are: the meter name in backticks, its
 * Prometheus name(s) in backticks, its type ({@code counter}, {@code gauge} or {@code timer}), its tag keys
 * in backticks (or {@code -}), and its meaning. Shipped in core's test jar.
 */
public final class MetricsReference {

  /** One documented meter. */
  public record DocumentedMeter(String name, Set<String> prometheusNames, String type, Set<String> tags) {}

  private static final Pattern ROW = Pattern.compile("^\\|\\s*`([a-z0-9_.]+)`\\s*\\|(.*)$");
  private static final Pattern QUOTED = Pattern.compile("`([^`]+)`");
  private static final Path DOCUMENT = Path.of("docs", "metrics.md");

  private final Path file;
  private final Map<String, DocumentedMeter> meters;

  private MetricsReference(Path file, Map<String, DocumentedMeter> meters) {
    this.file = file;
    this.meters = meters;
  }

  /** Reads {@code docs/metrics.md}, found from the working directory (a module's folder) upwards. */
  public static MetricsReference load() {
    Path folder = Path.of("").toAbsolutePath();
    while (folder != null && !Files.isRegularFile(folder.resolve(DOCUMENT))) {
      folder = folder.getParent();
    }
    if (folder == null) {
      throw new IllegalStateException(DOCUMENT + " not found above " + Path.of("").toAbsolutePath());
    }
    Path file = folder.resolve(DOCUMENT);
    try {
      return new MetricsReference(file, parse(Files.readAllLines(file)));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Map<String, DocumentedMeter> parse(List<String> lines) {
    Map<String, DocumentedMeter> meters = new LinkedHashMap<>();
    for (String line : lines) {
      Matcher row = ROW.matcher(line);
      if (!row.matches()) {
        continue;
      }
      String[] cells = row.group(2).split("\\|");
      if (cells.length < 4) {
        throw new IllegalStateException("A meter row needs name, Prometheus name, type, tags, meaning: " + line);
      }
      String name = row.group(1);
      DocumentedMeter meter = new DocumentedMeter(name, quoted(cells[0]), cells[1].trim(), quoted(cells[2]));
      if (meters.put(name, meter) != null) {
        throw new IllegalStateException("Meter " + name + " is documented twice");
      }
    }
    return meters;
  }

  private static Set<String> quoted(String cell) {
    Set<String> values = new TreeSet<>();
    Matcher quoted = QUOTED.matcher(cell);
    while (quoted.find()) {
      values.add(quoted.group(1));
    }
    return values;
  }

  public Path file() {
    return file;
  }

  /** Every documented Prometheus name. */
  public Set<String> prometheusNames() {
    Set<String> names = new TreeSet<>();
    meters.values().forEach(meter -> names.addAll(meter.prometheusNames()));
    return names;
  }

  /**
   * The documented meters, among those whose names start with one of the prefixes (the meters a module
   * owns), that the registry does not hold: documentation of meters that no longer exist.
   */
  public Set<String> staleNames(MeterRegistry registry, String... prefixes) {
    Set<String> registered = new TreeSet<>();
    registry.getMeters().forEach(meter -> registered.add(meter.getId().getName()));
    Set<String> stale = new TreeSet<>();
    for (String name : meters.keySet()) {
      for (String prefix : prefixes) {
        if (name.startsWith(prefix) && !registered.contains(name)) {
          stale.add(name);
        }
      }
    }
    return stale;
  }

  /**
   * What the documentation gets wrong about the registry's meters: a meter not documented, documented with
   * another type, or with a tag key missing. Empty when every meter is documented as registered.
   */
  public List<String> problemsWith(MeterRegistry registry) {
    Set<String> problems = new TreeSet<>();
    for (Meter meter : registry.getMeters()) {
      Meter.Id id = meter.getId();
      DocumentedMeter documented = meters.get(id.getName());
      if (documented == null) {
        problems.add(id.getName() + " is not documented");
        continue;
      }
      String type = typeOf(id.getType());
      if (!documented.type().equals(type)) {
        problems.add(id.getName() + " is a " + type + ", documented as '" + documented.type() + "'");
      }
      for (Tag tag : id.getTagsAsIterable()) {
        if (!documented.tags().contains(tag.getKey())) {
          problems.add(id.getName() + " has the tag " + tag.getKey() + ", not documented");
        }
      }
    }
    return new ArrayList<>(problems);
  }

  private static String typeOf(Meter.Type type) {
    return switch (type) {
      case COUNTER -> "counter";
      case GAUGE -> "gauge";
      case TIMER -> "timer";
      default -> type.name().toLowerCase(Locale.ROOT);
    };
  }
}
