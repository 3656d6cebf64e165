package dev.portico.web.usage;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.portico.web.api.UsageApi;

/**
 * The daily trend of a period as bar charts drawn on the server (SVG, no script): one chart per product and unit,
 * since megabytes and minutes share no axis. Coordinates are in a fixed view box the browser scales to the screen.
 *
 * @param product the product
 * @param unit its unit
 * @param max the largest daily total, the top of the axis
 * @param total the period's total
 * @param bars one per day of the period, days without usage at zero height
 */
public record TrendChart(String product, String unit, BigDecimal max, BigDecimal total, List<Bar> bars) {

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

	/** A chart per product and unit, in the order the API lists them, over every day from start to end. */
	public static List<TrendChart> of(UsageApi.DailyUsage daily) {
		Map<String, Map<LocalDate, BigDecimal>> series = new LinkedHashMap<>();
		Map<String, String[]> names = new LinkedHashMap<>();
		for (UsageApi.Day day : daily.days()) {
			String key = day.product() + "\u0000" + day.unit();
			names.putIfAbsent(key, new String[] { day.product(), day.unit() });
			series.computeIfAbsent(key, (k) -> new LinkedHashMap<>()).merge(day.date(), day.totalUsed(), BigDecimal::add);
		}
		List<LocalDate> days = daily.start().datesUntil(daily.end().plusDays(1)).toList();
		List<TrendChart> charts = new ArrayList<>();
		series.forEach((key, values) -> charts.add(chart(names.get(key), values, days)));
		return charts;
	}

	private static TrendChart chart(String[] name, Map<LocalDate, BigDecimal> values, List<LocalDate> days) {
		BigDecimal max = values.values().stream().max(BigDecimal::compareTo).orElse(BigDecimal.ZERO);
		BigDecimal total = values.values().stream().reduce(BigDecimal.ZERO, BigDecimal::add);
		double slot = (double) WIDTH / days.size();
		double plot = HEIGHT - AXIS;
		List<Bar> bars = new ArrayList<>(days.size());
		for (int i = 0; i < days.size(); i++) {
			BigDecimal value = values.getOrDefault(days.get(i), BigDecimal.ZERO);
			double height = (max.signum() == 0) ? 0
					: value.divide(max, 6, RoundingMode.HALF_UP).doubleValue() * (plot - 4);
			bars.add(new Bar(round(i * slot + slot * 0.15), round(plot - height), round(slot * 0.7), round(height),
					days.get(i), value));
		}
		return new TrendChart(name[0], name[1], max, total, bars);
	}

	private static double round(double value) {
		return Math.round(value * 10) / 10.0;
	}

}
