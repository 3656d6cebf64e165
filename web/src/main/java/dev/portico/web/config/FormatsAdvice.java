package dev.portico.web.config;

import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;

/**
 * {@code formats} in every page's model, so fragments rendered outside a page (live
 * updates) read it the same way.
 */
@ControllerAdvice
class FormatsAdvice {

	private final Formats formats;

	FormatsAdvice(Formats formats) {
		this.formats = formats;
	}

	@ModelAttribute("formats")
	Formats formats() {
		return this.formats;
	}

}
