package dev.portico.web.usage;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

import dev.portico.web.api.UsageApi;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.offset;

class TrendChartTest {

	private static final LocalDate START = LocalDate.parse("2026-02-01");

	@Test
	void oneChartPerProductAndUnitWithABarForEveryDayOfThePeriod() {
		UsageApi.DailyUsage daily = new UsageApi.DailyUsage("2026-02", START, LocalDate.parse("2026-02-28"), List.of(
				day("2026-02-01", "Mobile data", "MB", "100"), day("2026-02-03", "Mobile data", "MB", "50"),
				day("2026-02-03", "Mobile data", "GB", "2"), day("2026-02-28", "Voice", "min", "0")));

		List<TrendChart> charts = TrendChart.of(daily);

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

	private static UsageApi.Day day(String date, String product, String unit, String total) {
		return new UsageApi.Day(LocalDate.parse(date), product, unit, new BigDecimal(total));
	}

}
