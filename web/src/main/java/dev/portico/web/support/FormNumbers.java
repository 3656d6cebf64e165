package dev.portico.web.support;

/**
 * Numbers from forms and addresses, read leniently: what is not a number is "none" (the
 * API then says what is missing) or the first page, never an error page of its own.
 */
public final class FormNumbers {

	/**
	 * The most pages anyone clicks through; keeps {@code page × size} far from
	 * overflowing.
	 */
	public static final int MAX_PAGE = 100_000;

	private FormNumbers() {
	}

	public static Integer integerOrNull(String text) {
		try {
			return (text != null && !text.isBlank()) ? Integer.valueOf(text.strip()) : null;
		}
		catch (NumberFormatException ex) {
			return null;
		}
	}

	/** A zero-based page number: 0 for anything else, at most {@link #MAX_PAGE}. */
	public static int page(String text) {
		Integer page = integerOrNull(text);
		return (page == null) ? 0 : Math.max(0, Math.min(MAX_PAGE, page));
	}

}
