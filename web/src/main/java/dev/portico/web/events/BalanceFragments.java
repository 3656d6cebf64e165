package dev.portico.web.events;

import java.math.BigDecimal;
import java.util.Locale;
import java.util.Map;

import dev.portico.web.config.Formats;
import org.thymeleaf.TemplateEngine;
import org.thymeleaf.context.Context;

import org.springframework.stereotype.Component;

/**
 * The balance and due figures as the overview renders them, from the same template
 * fragments.
 */
@Component
class BalanceFragments {

	private final TemplateEngine templates;

	private final Formats formats;

	BalanceFragments(TemplateEngine templates, Formats formats) {
		this.templates = templates;
		this.formats = formats;
	}

	String balance(BigDecimal balance, String currency, Locale locale) {
		return render("balance", balance, currency, locale);
	}

	String due(BigDecimal due, String currency, Locale locale) {
		return render("due", due, currency, locale);
	}

	private String render(String fragment, BigDecimal amount, String currency, Locale locale) {
		// "live" marks what arrived over the stream (a test waits for it to know the page
		// is listening).
		Context context = new Context(locale,
				Map.of("amount", amount, "currency", currency, "formats", this.formats, "live", true));
		// One line: an SSE data field may not hold a bare newline.
		return this.templates.process("fragments/" + fragment, context).replaceAll("\\s*\\R\\s*", " ").strip();
	}

}
