package dev.portico.auth.password;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import dev.portico.auth.config.AuthProperties;

import org.springframework.mail.SimpleMailMessage;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.stereotype.Component;

/**
 * The e-mails that carry reset and set-password links (the token is in the mail, never in
 * a log).
 */
@Component
class ResetMails {

	private final JavaMailSender mail;

	private final AuthProperties properties;

	ResetMails(JavaMailSender mail, AuthProperties properties) {
		this.mail = mail;
		this.properties = properties;
	}

	void send(String to, String username, String token, ResetTokens.Purpose purpose, Duration ttl) {
		URI link = URI
			.create(this.properties.resetLinkBase() + "?token=" + URLEncoder.encode(token, StandardCharsets.UTF_8));
		boolean reset = purpose == ResetTokens.Purpose.RESET;
		SimpleMailMessage message = new SimpleMailMessage();
		message.setFrom(this.properties.mailFrom());
		message.setTo(to);
		message.setSubject(reset ? "Reset your Portico password" : "Set your Portico password");
		message.setText("""
				Hello %s,

				%s

				%s

				If the link does not open, enter this code on the page instead:
				%s

				The link works once and expires in %s.%s

				Portico
				""".formatted(username,
				reset ? "someone asked to reset the password of your Portico account. Choose a new one here:"
						: "a Portico account was created for you. Choose your password here:",
				link, token, describe(ttl),
				reset ? "\nIf you did not ask for this, ignore this e-mail; your password stays as it is." : ""));
		this.mail.send(message);
	}

	private static String describe(Duration ttl) {
		return (ttl.toHours() >= 1 && ttl.toMinutesPart() == 0) ? ttl.toHours() + " hours"
				: ttl.toMinutes() + " minutes";
	}

}
