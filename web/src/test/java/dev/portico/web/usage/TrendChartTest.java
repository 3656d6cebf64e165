package dev.portico.web.usage;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;

import dev.portico.web.api.UsageApi;
import dev.portico.web.config.Formats;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.context.i18n.LocaleContextHolder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.offset;

class TrendChartTest {

	private static final LocalDate START = LocalDate.parse("2026-02-01");

	private static final Formats FORMATS = new Formats();

	/** Labels are written in the reader's locale. */
	@BeforeEach
	void readerInTheUnitedStates() {
		LocaleContextHolder.setLocale(Locale.US);
	}

	@AfterEach
	void forgetTheReader() {
		LocaleContextHolder.resetLocaleContext();
	}

	@Test
	void oneChartPerProductAndUnitWithABarForEveryDayOfThePeriod() {
		UsageApi.DailyUsage daily = new UsageApi.DailyUsage("2026-02", START, LocalDate.parse("2026-02-28"),
				List.of(day("2026-02-01", "Mobile data", "MB", "100"), day("2026-02-03", "Mobile data", "MB", "50"),
						day("2026-02-03", "Mobile data", "GB", "2"), day("2026-02-28", "Voice", "min", "0")));

		List<TrendChart> charts = TrendChart.of(daily, FORMATS);

		assertThat(charts).extracting((chart) -> chart.product() + " " + chart.unit())
			.containsExactly("Mobile data MB", "Mobile data GB", "Voice min");
		TrendChart data = charts.get(0);
		assertThat(data.bars()).hasSize(28);
		assertThat(data.total()).isEqualByComparingTo("150");
		assertThat(data.max()).isEqualByComparingTo("100");
		TrendChart.Bar first = data.bars().get(0);
		TrendChart.Bar third = data.bars().get(2);
		assertThat(third.height()).isCloseTo(first.height() / 2, offset(0.2));
		assertThat(first.y() + first.height()).isCloseTo(data.baseline(), offset(0.2));
		assertThat(data.bars().get(1).height()).as("a day without usage").isZero();
		assertThat(data.bars().get(27).x() + data.bars().get(27).width()).isLessThanOrEqualTo(TrendChart.WIDTH);
		assertThat(charts.get(2).bars()).allSatisfy((bar) -> assertThat(bar.height()).isZero());
	}

	@Test
	void theBarsAreOnePathOfRectanglesAndTheTableListsTheDaysWithUsage() {
		UsageApi.DailyUsage daily = new UsageApi.DailyUsage("2026-02", START, LocalDate.parse("2026-02-28"),
				List.of(day("2026-02-01", "Mobile data", "MB", "100"), day("2026-02-03", "Mobile data", "MB", "50"),
						day("2026-02-28", "Voice", "min", "0")));

		List<TrendChart> charts = TrendChart.of(daily, FORMATS);

		TrendChart data = charts.get(0);
		TrendChart.Bar first = data.bars().get(0);
		TrendChart.Bar third = data.bars().get(2);
		assertThat(data.path()).isEqualTo(rectangle(first) + rectangle(third));
		assertThat(data.figures()).containsExactly(new TrendChart.Figure("Feb 1, 2026", "100 MB"),
				new TrendChart.Figure("Feb 3, 2026", "50 MB"));
		TrendChart voice = charts.get(1);
		assertThat(voice.path()).as("no bar has a height").isEmpty();
		assertThat(voice.figures()).as("a day of zero is no usage").isEmpty();
	}

	@Test
	void coordinatesAreWrittenAsSvgReadsThem() {
		assertThat(TrendChart.number(12.0)).isEqualTo("12");
		assertThat(TrendChart.number(12.5)).isEqualTo("12.5");
		assertThat(TrendChart.number(0.1)).isEqualTo("0.1");
		assertThat(TrendChart.number(0.0)).isEqualTo("0");
		assertThat(TrendChart.number(619.96)).isEqualTo("620");
	}

	private static String rectangle(TrendChart.Bar bar) {
		return "M" + TrendChart.number(bar.x()) + " " + TrendChart.number(bar.y()) + "h"
				+ TrendChart.number(bar.width()) + "v" + TrendChart.number(bar.height()) + "h-"
				+ TrendChart.number(bar.width()) + "z";
	}

	private static UsageApi.Day day(String date, String product, String unit, String total) {
		return new UsageApi.Day(LocalDate.parse(date), product, unit, new BigDecimal(total));
	}

}
