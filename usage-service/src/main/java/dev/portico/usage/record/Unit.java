package dev.portico.usage.record;

import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The units usage is measured in, spelled on the wire exactly as {@link #symbol()}. A
 * closed set: totals are only ever added within one unit, so a typo ({@code Gb}) must be
 * refused rather than start a series of its own.
 */
public enum Unit {

	KB("KB"), MB("MB"), GB("GB"), TB("TB"), SECOND("sec"), MINUTE("min"), HOUR("hour"), SMS("SMS"), MMS("MMS"),
	CALL("call"), KWH("kWh"), UNIT("unit");

	private static final Map<String, Unit> BY_SYMBOL = Arrays.stream(values())
		.collect(Collectors.toUnmodifiableMap(Unit::symbol, Function.identity()));

	/** The symbols in declaration order, for error messages and the API document. */
	public static final String SYMBOLS = Arrays.stream(values()).map(Unit::symbol).collect(Collectors.joining(", "));

	private final String symbol;

	Unit(String symbol) {
		this.symbol = symbol;
	}

	public String symbol() {
		return this.symbol;
	}

	public static Optional<Unit> bySymbol(String symbol) {
		return Optional.ofNullable(BY_SYMBOL.get(symbol));
	}

}
