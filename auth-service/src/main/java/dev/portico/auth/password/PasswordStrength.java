package dev.portico.auth.password;

import java.util.ArrayList;
import java.util.List;

import com.nulabinc.zxcvbn.Feedback;
import com.nulabinc.zxcvbn.Strength;
import com.nulabinc.zxcvbn.Zxcvbn;
import dev.portico.auth.config.AuthProperties;
import dev.portico.auth.keycloak.WeakPassword;

import org.springframework.stereotype.Component;

/**
 * Refuses a password a user chooses if it is easy to guess: in the dictionaries of leaked
 * and common passwords that zxcvbn carries, a keyboard walk, a date, a name, or built
 * from the user's own name or e-mail. Keycloak's policy (length, not the user name, not a
 * recent one) still applies after this; the check runs offline, so no password leaves the
 * service.
 */
@Component
class PasswordStrength {

	/** Words that make a password guessable for anyone who knows where it is used. */
	private static final List<String> SITE_WORDS = List.of("portico", "portal", "billing", "invoice");

	private final Zxcvbn estimator = new Zxcvbn();

	private final int minScore;

	PasswordStrength(AuthProperties properties) {
		this.minScore = properties.minPasswordScore();
	}

	/**
	 * @throws WeakPassword saying why, when the estimate is below the configured score
	 */
	void check(String password, String username, String email) {
		List<String> personal = new ArrayList<>(SITE_WORDS);
		addWords(personal, username);
		addWords(personal, email);
		Strength strength = this.estimator.measure(password, personal);
		if (strength.getScore() < this.minScore) {
			throw new WeakPassword(reason(strength.getFeedback()));
		}
	}

	private static void addWords(List<String> words, String value) {
		if (value == null || value.isBlank()) {
			return;
		}
		words.add(value);
		for (String part : value.split("[@._+-]")) {
			if (part.length() >= 3) {
				words.add(part);
			}
		}
	}

	private static String reason(Feedback feedback) {
		String warning = feedback.getWarning();
		String suggestion = feedback.getSuggestions().isEmpty() ? "" : " " + feedback.getSuggestions().get(0);
		String why = (warning == null || warning.isBlank()) ? "" : " " + warning;
		return "This password is easy to guess." + why + suggestion
				+ " A phrase of several uncommon words is both strong and easy to remember.";
	}

}
