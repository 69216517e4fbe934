package io.tandem.examples.demo;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.BoundStatement;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import com.datastax.oss.driver.api.core.cql.SimpleStatement;
import com.datastax.oss.driver.api.core.type.UserDefinedType;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * The demo's data model and the statements every part of the demo shares: a time series ({@code
 * sensor_readings}, one partition per sensor and day, newest first) and user profiles ({@code user_profiles},
 * with a set, a map and a frozen UDT). Table names are always qualified: through the proxy over protocol v4
 * the mirrored copy does not know the session's keyspace.
 */
final class DemoSchema {

  static final String READINGS = "sensor_readings";
  static final String PROFILES = "user_profiles";
  static final List<String> TABLES = List.of(READINGS, PROFILES);

  private static final String[] CITIES = {"Lyon", "Porto", "Gdansk", "Leeds", "Turin", "Graz"};
  private static final String[] PLANS = {"plan-free", "plan-pro", "plan-team"};

  private DemoSchema() {}

  /** Creates the keyspace (replication factor 1 in {@code datacenter}), the type and both tables. */
  static void create(CqlSession session, String keyspace, String datacenter) {
    List<String> statements = List.of(
        "CREATE KEYSPACE " + keyspace + " WITH replication = {'class': 'NetworkTopologyStrategy', '"
            + datacenter + "': 1}",
        "CREATE TYPE " + keyspace + ".address (street text, city text, postcode text)",
        "CREATE TABLE " + keyspace + "." + READINGS + " (sensor_id text, day date, reading_time timestamp,"
            + " value double, unit text, PRIMARY KEY ((sensor_id, day), reading_time))"
            + " WITH CLUSTERING ORDER BY (reading_time DESC)",
        "CREATE TABLE " + keyspace + "." + PROFILES + " (user_id uuid PRIMARY KEY, name text, email text,"
            + " tags set<text>, preferences map<text, text>, address frozen<address>, updated_at timestamp)");
    for (String statement : statements) {
      session.execute(SimpleStatement.newInstance(statement).setTimeout(Duration.ofSeconds(30)));
    }
  }

  static boolean keyspaceExists(CqlSession session, String keyspace) {
    return session.execute("SELECT keyspace_name FROM system_schema.keyspaces WHERE keyspace_name = ?",
        keyspace.toLowerCase(Locale.ROOT)).one() != null;
  }

  static String insertReading(String keyspace) {
    return "INSERT INTO " + keyspace + "." + READINGS
        + " (sensor_id, day, reading_time, value, unit) VALUES (?, ?, ?, ?, ?)";
  }

  static String insertProfile(String keyspace) {
    return "INSERT INTO " + keyspace + "." + PROFILES
        + " (user_id, name, email, tags, preferences, address, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)";
  }

  static String selectProfile(String keyspace) {
    return "SELECT user_id, name, email, tags, preferences, address FROM " + keyspace + "." + PROFILES
        + " WHERE user_id = ?";
  }

  static String selectLatestReadings(String keyspace) {
    return "SELECT reading_time, value FROM " + keyspace + "." + READINGS
        + " WHERE sensor_id = ? AND day = ? LIMIT 10";
  }

  static String updateProfile(String keyspace) {
    return "UPDATE " + keyspace + "." + PROFILES + " SET email = ?, tags = tags + ?, preferences = preferences + ?,"
        + " updated_at = ? WHERE user_id = ?";
  }

  /** The {@code address} type as {@code session} sees it, to build values for the profiles' UDT column. */
  static UserDefinedType addressType(CqlSession session, String keyspace) {
    return session.getMetadata().getKeyspace(keyspace).flatMap(found -> found.getUserDefinedType("address"))
        .orElseThrow(() -> new IllegalStateException("type " + keyspace + ".address not found"));
  }

  /** The id of the {@code index}-th profile: the same on every run, so the application can find history. */
  static UUID profileId(long index) {
    return nameBasedId("profile-" + index);
  }

  static UUID nameBasedId(String name) {
    return UUID.nameUUIDFromBytes(name.getBytes(StandardCharsets.UTF_8));
  }

  static String sensorId(int index) {
    return String.format(Locale.ROOT, "sensor-%03d", index);
  }

  static LocalDate day(Instant time) {
    return LocalDate.ofInstant(time, ZoneOffset.UTC);
  }

  /** A profile row for {@link #insertProfile}, its values derived from {@code number}. */
  static BoundStatement bindProfile(PreparedStatement insert, UserDefinedType address, UUID id, long number) {
    String city = CITIES[(int) (number % CITIES.length)];
    return insert.bind(id, "User " + number, "user" + number + "@example.com",
        Set.of(PLANS[(int) (number % PLANS.length)], "city-" + city.toLowerCase(Locale.ROOT)),
        Map.of("language", number % 2 == 0 ? "en" : "fr", "theme", number % 3 == 0 ? "dark" : "light"),
        address.newValue(number + " Station Road", city, String.format(Locale.ROOT, "%05d", number % 100_000)),
        Instant.ofEpochMilli(1_700_000_000_000L + number * 1000));
  }

  /** A reading row for {@link #insertReading}. */
  static BoundStatement bindReading(PreparedStatement insert, String sensor, Instant time, double value) {
    return insert.bind(sensor, day(time), time, value, "celsius");
  }
}
