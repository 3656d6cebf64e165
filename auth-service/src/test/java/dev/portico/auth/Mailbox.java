package dev.portico.auth;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.icegreen.greenmail.util.GreenMailUtil;
import dev.portico.test.TestSmtp;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** What GreenMail received for one address, and the reset tokens in it. */
public final class Mailbox {

	private static final Pattern TOKEN = Pattern.compile("token=([A-Za-z0-9_-]{43})");

	private Mailbox() {
	}

	public static List<MimeMessage> mailsTo(String address) {
		return Arrays.stream(TestSmtp.server().getReceivedMessages()).filter((message) -> {
			try {
				return Arrays.stream(message.getRecipients(Message.RecipientType.TO))
					.anyMatch((to) -> to.toString().equalsIgnoreCase(address));
			}
			catch (MessagingException ex) {
				return false;
			}
		}).toList();
	}

	/** The token in the {@code count}-th mail to this address, once it has arrived. */
	public static String awaitToken(String address, int count) {
		await().atMost(Duration.ofSeconds(15)).until(() -> mailsTo(address).size() >= count);
		// Quoted-printable bodies break long lines with a soft "=" line end.
		String body = GreenMailUtil.getBody(mailsTo(address).get(count - 1)).replace("=\r\n", "").replace("=\n", "");
		Matcher matcher = TOKEN.matcher(body);
		assertThat(matcher.find()).as(body).isTrue();
		return matcher.group(1);
	}

}
