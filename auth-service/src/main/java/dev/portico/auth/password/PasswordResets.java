package dev.portico.auth.password;

import java.time.Duration;
import java.util.concurrent.Executor;

import dev.portico.auth.config.AuthProperties;
import dev.portico.auth.keycloak.KeycloakUsers;
import dev.portico.auth.keycloak.PortalUser;
import dev.portico.auth.ratelimit.AttemptLimits;
import dev.portico.auth.ratelimit.FailedLogins;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Forgot and reset: a single-use, expiring token is mailed to the user's address and
 * exchanged for a new password. Forgot answers before it looks anyone up, so neither its
 * answer nor its timing tells whether a user exists.
 */
@Service
public class PasswordResets {

	private static final Logger log = LoggerFactory.getLogger(PasswordResets.class);

	private final KeycloakUsers users;

	private final ResetTokens tokens;

	private final ResetMails mails;

	private final AttemptLimits limits;

	private final TransactionTemplate transactions;

	private final Executor background;

	private final AuthProperties properties;

	private final FailedLogins failures;

	private final PasswordStrength strength;

	PasswordResets(KeycloakUsers users, ResetTokens tokens, ResetMails mails, AttemptLimits limits,
			FailedLogins failures, PasswordStrength strength, TransactionTemplate transactions,
			@Qualifier("resetMailExecutor") Executor background, AuthProperties properties) {
		this.users = users;
		this.strength = strength;
		this.failures = failures;
		this.tokens = tokens;
		this.mails = mails;
		this.limits = limits;
		this.transactions = transactions;
		this.background = background;
		this.properties = properties;
	}

	/**
	 * Checks the rate limits, then looks the user up and mails a link in the background.
	 */
	void forgot(String usernameOrEmail, String clientAddress) {
		this.limits.checkForgot(usernameOrEmail, clientAddress);
		this.background.execute(() -> {
			try {
				this.users.findByUsernameOrEmail(usernameOrEmail)
					.filter(PortalUser::enabled)
					.filter((user) -> user.email() != null)
					.ifPresent(
							(user) -> issueAndMail(user, ResetTokens.Purpose.RESET, this.properties.resetTokenTtl()));
			}
			catch (RuntimeException ex) {
				// Nobody waits for this answer: the user asks again if no mail arrives.
				log.warn("Forgot-password mail not sent: {}", ex.toString());
			}
		});
	}

	/** Mails a newly provisioned user a link to choose a first password. */
	public void sendSetPasswordLink(PortalUser user) {
		this.background.execute(() -> {
			try {
				issueAndMail(user, ResetTokens.Purpose.SET_PASSWORD, this.properties.setPasswordTokenTtl());
			}
			catch (RuntimeException ex) {
				log.warn("Set-password mail for user {} not sent: {}", user.id(), ex.toString());
			}
		});
	}

	/**
	 * Sets the new password if the token is valid and spends it (and every other
	 * outstanding token of the user) in the same transaction; a password the policy
	 * refuses leaves the token valid for another try. Every session of the user ends.
	 */
	void reset(String token, String newPassword) {
		String userId = this.transactions.execute((status) -> {
			String owner = this.tokens.lockValid(token).orElseThrow(PasswordProblems.InvalidResetToken::new);
			PortalUser user = this.users.findById(owner).orElseThrow(PasswordProblems.InvalidResetToken::new);
			this.strength.check(newPassword, user.username(), user.email());
			this.users.setPassword(owner, newPassword, false);
			this.tokens.spendAll(owner);
			return owner;
		});
		// Proving control of the mailbox is as good as waiting out a brute-force lock,
		// Keycloak's and ours.
		this.users.clearLock(userId);
		this.users.findById(userId).ifPresent((user) -> this.failures.forget(user.username(), user.email()));
		// Whoever made the reset necessary may hold a session: none survives it.
		this.users.endSessions(userId, null);
	}

	private void issueAndMail(PortalUser user, ResetTokens.Purpose purpose, Duration ttl) {
		String token = this.tokens.issue(user.id(), purpose, ttl);
		this.mails.send(user.email(), user.username(), token, purpose, ttl);
	}

}
