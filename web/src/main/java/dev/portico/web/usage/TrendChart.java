package dev.portico.web.usage;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.portico.web.api.UsageApi;
import dev.portico.web.config.Formats;

/**
 * The daily trend of a period as bar charts drawn on the server (SVG, no script): one
 * chart per product and unit, since megabytes and minutes share no axis. Coordinates are
 * in a fixed view box the browser scales to the screen. The bars are drawn as one SVG
 * path and the days with usage listed with their labels already written: a period is four
 * charts of thirty days, and an expression per bar attribute and per table cell made this
 * page cost twice the web app's CPU of any other.
 *
 * @param product the product
 * @param unit its unit
 * @param max the largest daily total, the top of the axis
 * @param total the period's total
 * @param bars one per day of the period, days without usage at zero height
 * @param path the bars with a height, as the {@code d} of one SVG path
 * @param figures the days with usage, for the table under the chart
 */
public record TrendChart(String product, String unit, BigDecimal max, BigDecimal total, List<Bar> bars, String path,
		List<Figure> figures) {

	public static final int WIDTH = 620;

	public static final int HEIGHT = 140;

	/** Room under the bars for the first and last day's labels. */
	public static final int AXIS = 20;

	/**
	 * @param x left edge
	 * @param y top edge
	 * @param width width
	 * @param height height (0 for a day without usage)
	 * @param date the day
	 * @param value its total
	 */
	public record Bar(double x, double y, double width, double height, LocalDate date, BigDecimal value) {
	}

	/**
	 * A day with usage as the table shows it.
	 *
	 * @param day the day, written for the reader
	 * @param used its total with the unit, written for the reader
	 */
	public record Figure(String day, String used) {
	}

	public String viewBox() {
		return "0 0 " + WIDTH + " " + HEIGHT;
	}

	public int width() {
		return WIDTH;
	}

	/** Where the bars stand. */
	public int baseline() {
		return HEIGHT - AXIS;
	}

	/** Where the day labels sit. */
	public int labelY() {
		return HEIGHT - 4;
	}

	/**
	 * A chart per product and unit, in the order the API lists them, over every day from
	 * start to end.
	 */
	public static List<TrendChart> of(UsageApi.DailyUsage daily, Formats formats) {
		Map<String, Map<LocalDate, BigDecimal>> series = new LinkedHashMap<>();
		Map<String, String[]> names = new LinkedHashMap<>();
		for (UsageApi.Day day : daily.days()) {
			String key = day.product() + "\u0000" + day.unit();
			names.putIfAbsent(key, new String[] { day.product(), day.unit() });
			series.computeIfAbsent(key, (k) -> new LinkedHashMap<>())
				.merge(day.date(), day.totalUsed(), BigDecimal::add);
		}
		List<LocalDate> days = daily.start().datesUntil(daily.end().plusDays(1)).toList();
		List<TrendChart> charts = new ArrayList<>();
		series.forEach((key, values) -> charts.add(chart(names.get(key), values, days, formats)));
		return charts;
	}

	private static TrendChart chart(String[] name, Map<LocalDate, BigDecimal> values, List<LocalDate> days,
			Formats formats) {
		BigDecimal max = values.values().stream().max(BigDecimal::compareTo).orElse(BigDecimal.ZERO);
		BigDecimal total = values.values().stream().reduce(BigDecimal.ZERO, BigDecimal::add);
		double slot = (double) WIDTH / days.size();
		double plot = HEIGHT - AXIS;
		List<Bar> bars = new ArrayList<>(days.size());
		StringBuilder path = new StringBuilder(days.size() * 24);
		List<Figure> figures = new ArrayList<>();
		for (int i = 0; i < days.size(); i++) {
			BigDecimal value = values.getOrDefault(days.get(i), BigDecimal.ZERO);
			double height = (max.signum() == 0) ? 0
					: value.divide(max, 6, RoundingMode.HALF_UP).doubleValue() * (plot - 4);
			Bar bar = new Bar(round(i * slot + slot * 0.15), round(plot - height), round(slot * 0.7), round(height),
					days.get(i), value);
			bars.add(bar);
			if (bar.height() > 0) {
				// A rectangle: to its top left corner, right by its width, down by its
				// height, back, closed.
				path.append('M')
					.append(number(bar.x()))
					.append(' ')
					.append(number(bar.y()))
					.append('h')
					.append(number(bar.width()))
					.append('v')
					.append(number(bar.height()))
					.append("h-")
					.append(number(bar.width()))
					.append('z');
			}
			if (value.signum() > 0) {
				figures.add(new Figure(formats.date(bar.date()), formats.quantity(value) + " " + name[1]));
			}
		}
		return new TrendChart(name[0], name[1], max, total, bars, path.toString(), figures);
	}

	/**
	 * A coordinate of at most one decimal as SVG reads it: {@code 12}, {@code 12.5},
	 * never {@code 1.0E-1}.
	 */
	static String number(double value) {
		long tenths = Math.round(value * 10);
		return (tenths % 10 == 0) ? Long.toString(tenths / 10) : (tenths / 10) + "." + Math.abs(tenths % 10);
	}

	private static double round(double value) {
		return Math.round(value * 10) / 10.0;
	}

}
