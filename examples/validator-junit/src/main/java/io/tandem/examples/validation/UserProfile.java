package io.tandem.examples.validation;

import java.util.Objects;
import java.util.Set;
import java.util.UUID;

/**
 * One user's profile, as the application stores it in {@code user_profiles}.
 *
 * @param userId      the key
 * @param email       the sign-in address
 * @param displayName the name shown to other users
 * @param tags        labels the user chose; empty when none
 */
public record UserProfile(UUID userId, String email, String displayName, Set<String> tags) {

  public UserProfile {
    Objects.requireNonNull(userId, "userId");
    tags = Set.copyOf(tags);
  }
}
