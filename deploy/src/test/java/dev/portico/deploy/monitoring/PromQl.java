package dev.portico.deploy.monitoring;

import java.util.LinkedHashSet;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The metric names a PromQL expression reads. Not a parser: it removes what cannot be a
 * metric name (strings, label matchers, ranges, grouping labels), then keeps the
 * identifiers that are neither functions nor keywords.
 */
final class PromQl {

	private static final Pattern STRING = Pattern.compile("\"(?:[^\"\\\\]|\\\\.)*\"|'(?:[^'\\\\]|\\\\.)*'|`[^`]*`");

	private static final Pattern BRACES = Pattern.compile("\\{[^}]*}");

	private static final Pattern BRACKETS = Pattern.compile("\\[[^]]*]");

	private static final Pattern GROUPING = Pattern
		.compile("\\b(by|without|on|ignoring|group_left|group_right)\\s*\\([^)]*\\)");

	/**
	 * An identifier not glued to a number (5m), a variable ($application) or a field
	 * (a.b).
	 */
	private static final Pattern IDENTIFIER = Pattern.compile("(?<![\\w:.$])[a-zA-Z_:][\\w:]*");

	private static final Set<String> KEYWORDS = Set.of("and", "or", "unless", "bool", "offset", "by", "without", "on",
			"ignoring", "group_left", "group_right", "inf", "nan", "start", "end", "atan2");

	private PromQl() {
	}

	static Set<String> metricNames(String expression) {
		String rest = STRING.matcher(expression).replaceAll(" ");
		rest = BRACES.matcher(rest).replaceAll(" ");
		rest = BRACKETS.matcher(rest).replaceAll(" ");
		rest = GROUPING.matcher(rest).replaceAll(" ");
		Set<String> names = new LinkedHashSet<>();
		Matcher identifier = IDENTIFIER.matcher(rest);
		while (identifier.find()) {
			String name = identifier.group();
			boolean function = rest.substring(identifier.end()).stripLeading().startsWith("(");
			if (!function && !KEYWORDS.contains(name.toLowerCase())) {
				names.add(name);
			}
		}
		return names;
	}

}
