package dev.portico.web.usage;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.regex.Pattern;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;

import dev.portico.web.api.ApiCalls;
import dev.portico.web.api.UsageApi;
import dev.portico.web.config.Formats;
import dev.portico.web.session.Viewer;
import dev.portico.web.support.Downloads;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * Usage of a billing period: the current one unless another is selected; rows, CSV and
 * the daily trend.
 */
@Controller
class UsageController {

	/** What a period looks like in an address; anything else is the current period. */
	private static final Pattern PERIOD = Pattern.compile("\\d{4}-\\d{2}");

	private final UsageApi usage;

	private final ApiCalls calls;

	private final RememberedPeriods remembered;

	private final Formats formats;

	UsageController(UsageApi usage, ApiCalls calls, Formats formats, ObjectProvider<Clock> clock) {
		this.usage = usage;
		this.calls = calls;
		this.remembered = new RememberedPeriods(clock.getIfAvailable(Clock::systemUTC));
		this.formats = formats;
	}

	@GetMapping("/usage")
	String usage(@ModelAttribute("viewer") Viewer viewer, @RequestParam(required = false) String period,
			HttpServletRequest request, Model model) {
		model.addAttribute("page", "usage");
		if (viewer.hasAccount()) {
			String selected = clean(period);
			HttpSession session = request.getSession(false);
			// The rows, the selector's periods (unless remembered) and the chart's days
			// side by side; without a selection the API answers the current period for
			// both rows and days, and should the period turn over between the two calls,
			// the days are asked again for the rows' period.
			Optional<List<UsageApi.Period>> recalled = this.remembered.recall(session, viewer.accountId());
			Supplier<List<UsageApi.Period>> periods = recalled.isPresent() ? recalled::get
					: this.calls.fork(() -> this.usage.periods(viewer.accountId()));
			Supplier<UsageApi.DailyUsage> daily = this.calls.fork(() -> this.usage.daily(viewer.accountId(), selected));
			UsageApi.UsagePage page = this.usage.usage(viewer.accountId(), selected);
			UsageApi.DailyUsage days = daily.get();
			if (!days.period().equals(page.period())) {
				days = this.usage.daily(viewer.accountId(), page.period());
			}
			List<UsageApi.Period> selectable = periods.get();
			// A remembered list is stale once a new period began since: the rows' current
			// period is not its current.
			boolean stale = recalled.isPresent() && selected == null
					&& !RememberedPeriods.currentIs(selectable, page.period());
			if (stale) {
				selectable = this.usage.periods(viewer.accountId());
			}
			if (recalled.isEmpty() || stale) {
				this.remembered.remember(session, viewer.accountId(), selectable);
			}
			model.addAttribute("periods", selectable);
			model.addAttribute("usage", page);
			model.addAttribute("charts", TrendChart.of(days, this.formats));
		}
		return "usage";
	}

	/** The period's rows as the API's CSV, under the API's file name. */
	@GetMapping("/usage/csv")
	ResponseEntity<byte[]> csv(@ModelAttribute("viewer") Viewer viewer, @RequestParam(required = false) String period) {
		return Downloads.passOn(this.usage.csv(viewer.accountId(), clean(period)),
				new MediaType("text", "csv", StandardCharsets.UTF_8));
	}

	private static String clean(String period) {
		return (period != null && PERIOD.matcher(period.strip()).matches()) ? period.strip() : null;
	}

}
