package io.tandem.examples.validation;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import com.datastax.oss.driver.api.core.cql.Row;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * The data access of a small user-profile service, written against a plain {@link CqlSession} as any
 * application would be. The table it migrates, {@code user_profiles}, has a set column and a cell written with
 * a TTL (the sign-in token), which is what makes copying its history with the writetimes worth testing.
 * Nothing in it knows about the migration; the statements use the driver's default (client-side) timestamps.
 */
public final class UserProfileRepository {

  /** The table's name. */
  public static final String TABLE = "user_profiles";

  private final CqlSession session;
  private final PreparedStatement insert;
  private final PreparedStatement rename;
  private final PreparedStatement addTag;
  private final PreparedStatement signIn;
  private final PreparedStatement select;

  /** Prepares the statements against {@code keyspace}; the table must exist ({@link #createTable}). */
  public UserProfileRepository(CqlSession session, String keyspace) {
    this.session = session;
    String table = keyspace + "." + TABLE;
    this.insert = session.prepare("INSERT INTO " + table + " (user_id, email, display_name, tags) VALUES (?, ?, ?, ?)");
    this.rename = session.prepare("UPDATE " + table + " SET display_name = ? WHERE user_id = ?");
    this.addTag = session.prepare("UPDATE " + table + " SET tags = tags + ? WHERE user_id = ?");
    this.signIn = session.prepare("UPDATE " + table + " USING TTL ? SET session_token = ? WHERE user_id = ?");
    this.select = session.prepare("SELECT user_id, email, display_name, tags FROM " + table + " WHERE user_id = ?");
  }

  /** Creates {@code user_profiles} in {@code keyspace} unless it exists. */
  public static void createTable(CqlSession session, String keyspace) {
    session.execute("CREATE TABLE IF NOT EXISTS " + keyspace + "." + TABLE + " (user_id uuid PRIMARY KEY,"
        + " email text, display_name text, tags set<text>, session_token text)");
  }

  /** Stores a new profile. */
  public void save(UserProfile profile) {
    session.execute(insert.bind(profile.userId(), profile.email(), profile.displayName(), profile.tags()));
  }

  /** Changes the display name. */
  public void rename(UUID userId, String displayName) {
    session.execute(rename.bind(displayName, userId));
  }

  /** Adds one tag to the profile's set. */
  public void addTag(UUID userId, String tag) {
    session.execute(addTag.bind(Set.of(tag), userId));
  }

  /** Records a sign-in: the token expires by itself after {@code validity} (whole seconds). */
  public void signIn(UUID userId, String sessionToken, Duration validity) {
    session.execute(signIn.bind((int) validity.toSeconds(), sessionToken, userId));
  }

  /** Reads one profile. */
  public Optional<UserProfile> find(UUID userId) {
    Row row = session.execute(select.bind(userId)).one();
    return Optional.ofNullable(row).map(found -> new UserProfile(found.getUuid("user_id"), found.getString("email"),
        found.getString("display_name"), found.getSet("tags", String.class)));
  }
}
