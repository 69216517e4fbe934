package io.tandem.testkit.docs;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigList;
import com.typesafe.config.ConfigObject;
import com.typesafe.config.ConfigParseOptions;
import com.typesafe.config.ConfigRenderOptions;
import com.typesafe.config.ConfigResolveOptions;
import com.typesafe.config.ConfigUtil;
import com.typesafe.config.ConfigValue;
import com.typesafe.config.ConfigValueType;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The settings one {@code reference.conf} file declares, read from its path so that only that file counts
 * (not every {@code reference.conf} on the classpath): each leaf path and its default. Environment
 * variables and system properties are not consulted, so a {@code ${?VARIABLE}} override never turns a secret
 * into a default. Immutable.
 */
public final class ReferenceSettings {

  private static final Pattern CODE_SPAN = Pattern.compile("`([^`]*)`");

  private final Map<String, ConfigValue> defaults;
  private final Set<String> sections;

  private ReferenceSettings(Map<String, ConfigValue> defaults, Set<String> sections) {
    this.defaults = defaults;
    this.sections = sections;
  }

  /**
   * Parses a HOCON file, e.g. {@code Path.of("src/main/resources/reference.conf")} from a module's tests.
   *
   * @throws IllegalStateException naming the absolute path when the file is missing or invalid
   */
  public static ReferenceSettings read(Path file) {
    Config config;
    try {
      config = ConfigFactory.parseFile(file.toFile(), ConfigParseOptions.defaults().setAllowMissing(false))
          .resolve(ConfigResolveOptions.noSystem());
    } catch (ConfigException e) {
      throw new IllegalStateException("Cannot read settings from " + file.toAbsolutePath().normalize() + ": "
          + e.getMessage(), e);
    }
    return of(config);
  }

  /**
   * The settings of an already parsed config, e.g. the defaults of an option catalogue. Every leaf path
   * counts; resolve substitutions first.
   */
  public static ReferenceSettings of(Config config) {
    Map<String, ConfigValue> defaults = new TreeMap<>();
    Set<String> sections = new TreeSet<>();
    config.entrySet().forEach(entry -> defaults.put(entry.getKey(), entry.getValue()));
    addEmptyObjects(config.root(), "", defaults);
    defaults.keySet().forEach(path -> {
      for (int dot = path.indexOf('.'); dot > 0; dot = path.indexOf('.', dot + 1)) {
        sections.add(path.substring(0, dot));
      }
    });
    return new ReferenceSettings(Map.copyOf(defaults), Set.copyOf(sections));
  }

  /** A setting whose default is an empty object, e.g. {@code table-modes {}}, is a leaf too. */
  private static void addEmptyObjects(ConfigObject object, String prefix, Map<String, ConfigValue> defaults) {
    object.forEach((key, value) -> {
      if (value instanceof ConfigObject child) {
        String path = prefix + ConfigUtil.joinPath(key);
        if (child.isEmpty()) {
          defaults.put(path, child);
        } else {
          addEmptyObjects(child, path + ".", defaults);
        }
      }
    });
  }

  /** Every leaf path, e.g. {@code tandem.mirror.retry.max-attempts}, sorted. */
  public List<String> paths() {
    return defaults.keySet().stream().sorted().toList();
  }

  /**
   * The default of a leaf path as a reference page shows it: {@code SYNC}, {@code 1 second}, {@code [3, 4]},
   * {@code ""} for an empty string; {@code null} for an unknown path.
   */
  public String defaultOf(String path) {
    ConfigValue value = defaults.get(path);
    return value == null ? null : render(value);
  }

  /**
   * Whether {@code text}, read as a HOCON value ({@code 0.0}, {@code 1 second}, {@code "0.0.0.0"} or
   * {@code 0.0.0.0}, {@code [3, 4]}, {@code ""}), equals the default of {@code path}.
   */
  public boolean isDefault(String path, String text) {
    ConfigValue value = defaults.get(path);
    if (value == null) {
      return false;
    }
    try {
      Object documented = ConfigFactory.parseString("value = " + text).getValue("value").unwrapped();
      return Objects.equals(documented, value.unwrapped());
    } catch (ConfigException e) {
      return false;
    }
  }

  /**
   * The leaf paths whose default, as {@code document} shows it, is not this file's, one line each saying
   * both. The page shows a default in the table row naming the path, in cell {@code column} (counted from
   * 0), as one code span read as a HOCON value: {@code `1 second`}, {@code `0.0.0.0`}, {@code `""`}. A path
   * with no such row is listed too.
   */
  public List<String> wrongDefaults(DocumentedNames document, int column) {
    List<String> wrong = new ArrayList<>();
    for (String path : paths()) {
      Optional<String> cell = document.cell(path, column);
      Matcher span = CODE_SPAN.matcher(cell.orElse(""));
      if (!span.matches() || !isDefault(path, span.group(1))) {
        wrong.add(path + ": " + cell.map(text -> "the page says " + text).orElse("no table row shows its default")
            + ", reference.conf says `" + defaultOf(path) + "`");
      }
    }
    return wrong;
  }

  /**
   * Everything wrong with how {@code page} documents this file's settings, one line each: a setting it does
   * not mention, a default it shows wrongly in table column {@code defaultColumn} (see {@link #wrongDefaults}),
   * and a name under {@code root} (e.g. {@code tandem.mirror}) it mentions that this file does not have. Empty
   * when the page is right.
   */
  public List<String> documentationProblems(DocumentedNames page, String root, int defaultColumn) {
    List<String> problems = new ArrayList<>();
    page.missing(paths()).forEach(path -> problems.add(path + ": not on the page, add a table row for it"));
    problems.addAll(wrongDefaults(page, defaultColumn));
    page.unknown(Pattern.compile(Pattern.quote(root) + "\\.[\\w.-]+"), this::contains)
        .forEach(name -> problems.add(name + ": on the page, but no such setting"));
    return problems;
  }

  /**
   * Everything that differs between these settings and {@code other}, one line each, sorted: a path that
   * only one of them has, and a path whose defaults differ (compared as HOCON values, so {@code 0.0.0.0} and
   * {@code "0.0.0.0"} agree). {@code name} and {@code otherName} say which is which, e.g. {@code
   * "MirrorOption"} and {@code "reference.conf"}. Empty when they agree.
   */
  public List<String> differences(String name, ReferenceSettings other, String otherName) {
    Set<String> paths = new TreeSet<>(defaults.keySet());
    paths.addAll(other.defaults.keySet());
    List<String> differences = new ArrayList<>();
    for (String path : paths) {
      if (!other.defaults.containsKey(path)) {
        differences.add(path + ": in " + name + ", missing from " + otherName);
      } else if (!defaults.containsKey(path)) {
        differences.add(path + ": in " + otherName + ", missing from " + name);
      } else if (!Objects.equals(defaults.get(path).unwrapped(), other.defaults.get(path).unwrapped())) {
        differences.add(path + ": default `" + defaultOf(path) + "` in " + name + ", `" + other.defaultOf(path)
            + "` in " + otherName);
      }
    }
    return differences;
  }

  /** Whether {@code name} is a leaf path or a section holding some, e.g. {@code tandem.mirror.retry}. */
  public boolean contains(String name) {
    return defaults.containsKey(name) || sections.contains(name);
  }

  private static String render(ConfigValue value) {
    if (value instanceof ConfigList list) {
      return list.stream().map(ReferenceSettings::render).collect(Collectors.joining(", ", "[", "]"));
    }
    if (value.valueType() == ConfigValueType.STRING) {
      String text = (String) value.unwrapped();
      return text.isEmpty() ? "\"\"" : text;
    }
    return value.render(ConfigRenderOptions.concise());
  }
}
