package dev.portico.auth.keycloak;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.ws.rs.BadRequestException;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import org.keycloak.admin.client.Keycloak;
import org.keycloak.admin.client.resource.RealmResource;
import org.keycloak.representations.idm.CredentialRepresentation;
import org.keycloak.representations.idm.RoleRepresentation;
import org.keycloak.representations.idm.UserRepresentation;

/**
 * Users of realm {@code portal} through the official admin client, signed in as
 * {@code auth-service}'s service account (manage-users, view-users, query-users and
 * nothing more).
 */
public class KeycloakUsers {

	static final String ACCOUNT_ID = "account_id";

	/** Keycloak's credential type and required action of an authenticator app. */
	static final String OTP = "otp";

	public static final String CONFIGURE_TOTP = "CONFIGURE_TOTP";

	private final Keycloak keycloak;

	private final String realm;

	private final KeycloakCalls calls;

	KeycloakUsers(Keycloak keycloak, String realm, KeycloakCalls calls) {
		this.keycloak = keycloak;
		this.realm = realm;
		this.calls = calls;
	}

	/**
	 * The user with exactly this user name, or else exactly this e-mail (Keycloak matches
	 * both case-blind).
	 */
	public Optional<PortalUser> findByUsernameOrEmail(String usernameOrEmail) {
		return this.calls.call("user lookup", () -> {
			List<UserRepresentation> found = realm().users().searchByUsername(usernameOrEmail, true);
			if (found.isEmpty() && usernameOrEmail.contains("@")) {
				found = realm().users().searchByEmail(usernameOrEmail, true);
			}
			return found.stream().findFirst().map((user) -> toPortalUser(user, List.of()));
		});
	}

	public Optional<PortalUser> findById(String userId) {
		return this.calls.call("user read", () -> {
			try {
				UserRepresentation user = realm().users().get(userId).toRepresentation();
				List<String> roles = realm().users()
					.get(userId)
					.roles()
					.realmLevel()
					.listAll()
					.stream()
					.map(RoleRepresentation::getName)
					.filter((role) -> !role.startsWith("default-roles-"))
					.sorted()
					.toList();
				return Optional.of(toPortalUser(user, roles));
			}
			catch (NotFoundException ex) {
				return Optional.empty();
			}
		});
	}

	/**
	 * The actions Keycloak wants from the user with exactly this name before a sign-in
	 * completes.
	 */
	public List<String> requiredActions(String username) {
		return this.calls.call("user lookup",
				() -> realm().users()
					.searchByUsername(username, true)
					.stream()
					.findFirst()
					.map((user) -> (user.getRequiredActions() != null) ? List.copyOf(user.getRequiredActions())
							: List.<String>of())
					.orElse(List.of()));
	}

	/** Whether the user has an authenticator app set up (a one-time-code credential). */
	public boolean hasTotp(String userId) {
		return this.calls.call("credential read",
				() -> realm().users()
					.get(userId)
					.credentials()
					.stream()
					.anyMatch((credential) -> OTP.equals(credential.getType())));
	}

	/** Removes every authenticator app of the user; returns how many there were. */
	public int removeTotp(String userId) {
		return this.calls.call("credential removal", () -> {
			int removed = 0;
			for (CredentialRepresentation credential : realm().users().get(userId).credentials()) {
				if (OTP.equals(credential.getType())) {
					realm().users().get(userId).removeCredential(credential.getId());
					removed++;
				}
			}
			return removed;
		});
	}

	/** Whether brute-force detection has locked the user, and since when. */
	public LockStatus lockStatus(String userId) {
		return this.calls.call("brute-force status", () -> {
			Map<String, Object> status = realm().attackDetection().bruteForceUserStatus(userId);
			boolean disabled = Boolean.TRUE.equals(status.get("disabled"));
			long lastFailure = (status.get("lastFailure") instanceof Number number) ? number.longValue() : 0;
			return new LockStatus(disabled, Instant.ofEpochMilli(lastFailure));
		});
	}

	/**
	 * Lifts a brute-force lock, e.g. once the user proved control of the mailbox by
	 * resetting the password.
	 */
	public void clearLock(String userId) {
		this.calls.run("brute-force clear", () -> realm().attackDetection().clearBruteForceForUser(userId));
	}

	/**
	 * Sets the password; {@code temporary} makes the user change it at the next login.
	 * {@link WeakPassword} if the realm's policy refuses it.
	 */
	public void setPassword(String userId, String password, boolean temporary) {
		CredentialRepresentation credential = new CredentialRepresentation();
		credential.setType(CredentialRepresentation.PASSWORD);
		credential.setValue(password);
		credential.setTemporary(temporary);
		this.calls.run("password update", () -> {
			try {
				realm().users().get(userId).resetPassword(credential);
			}
			catch (BadRequestException ex) {
				throw new WeakPassword(policyMessage(ex.getResponse()));
			}
		});
	}

	/**
	 * Ends every session of the user but {@code keptSessionId} (null: every one), so that
	 * their refresh tokens stop working at once; an access token already out runs to its
	 * expiry (the realm's access-token lifespan).
	 * @return how many sessions were ended
	 */
	public int endSessions(String userId, String keptSessionId) {
		return this.calls.call("session logout", () -> {
			if (keptSessionId == null) {
				int sessions = realm().users().get(userId).getUserSessions().size();
				realm().users().get(userId).logout();
				return sessions;
			}
			int ended = 0;
			for (var session : realm().users().get(userId).getUserSessions()) {
				if (!keptSessionId.equals(session.getId())) {
					realm().deleteSession(session.getId(), false);
					ended++;
				}
			}
			return ended;
		});
	}

	/**
	 * Creates an enabled user linked to an account; {@link UserExists} if the name or
	 * e-mail is taken.
	 */
	public String create(String username, String email, String accountId) {
		UserRepresentation user = new UserRepresentation();
		user.setUsername(username);
		user.setEmail(email);
		user.setEmailVerified(true);
		user.setEnabled(true);
		user.setAttributes(Map.of(ACCOUNT_ID, List.of(accountId)));
		return this.calls.call("user creation", () -> {
			try (Response response = realm().users().create(user)) {
				if (response.getStatus() == 409) {
					throw new UserExists();
				}
				if (response.getStatus() != 201) {
					throw new WebApplicationException(response.getStatus());
				}
				String location = response.getLocation().getPath();
				return location.substring(location.lastIndexOf('/') + 1);
			}
		});
	}

	/** Grants a realm role through the mappings the service account may hand out. */
	public void grantRealmRole(String userId, String role) {
		this.calls.run("role mapping", () -> {
			var mappings = realm().users().get(userId).roles().realmLevel();
			RoleRepresentation granted = mappings.listAvailable()
				.stream()
				.filter((available) -> available.getName().equals(role))
				.findFirst()
				.orElseThrow(() -> new IllegalStateException("Realm role " + role + " cannot be granted"));
			mappings.add(List.of(granted));
		});
	}

	public void delete(String userId) {
		this.calls.run("user deletion", () -> {
			try (Response response = realm().users().delete(userId)) {
				// 404 means it is gone already, which is what we want.
			}
		});
	}

	private RealmResource realm() {
		return this.keycloak.realm(this.realm);
	}

	private static PortalUser toPortalUser(UserRepresentation user, List<String> roles) {
		List<String> accountIds = (user.getAttributes() != null) ? user.getAttributes().get(ACCOUNT_ID) : null;
		String accountId = (accountIds != null && !accountIds.isEmpty()) ? accountIds.get(0) : null;
		return new PortalUser(user.getId(), user.getUsername(), user.getEmail(), accountId,
				Boolean.TRUE.equals(user.isEnabled()), roles);
	}

	/**
	 * Keycloak's own sentence for the policy rule broken, e.g. "Invalid password: minimum
	 * length 10."
	 */
	private static String policyMessage(Response response) {
		try {
			@SuppressWarnings("unchecked")
			Map<String, Object> error = response.readEntity(Map.class);
			Object description = error.get("error_description");
			if (description != null) {
				return description.toString();
			}
		}
		catch (RuntimeException ex) {
			// No readable body: fall back to a generic sentence.
		}
		return "does not meet the password policy";
	}

	/** The brute-force state of a user. */
	public record LockStatus(boolean locked, Instant lastFailure) {

	}

}
