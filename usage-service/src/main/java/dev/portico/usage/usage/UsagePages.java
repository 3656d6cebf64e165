package dev.portico.usage.usage;

import java.time.Clock;
import java.time.YearMonth;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.UUID;
import java.util.regex.Pattern;

import dev.portico.platform.web.InvalidParameter;
import dev.portico.usage.account.UsageAccount;
import dev.portico.usage.account.UsageAccounts;
import dev.portico.usage.period.BillingPeriod;
import dev.portico.usage.period.BillingPeriods;

import org.springframework.stereotype.Service;

/** The usage pages of an account: its periods, and a period's totals. */
@Service
class UsagePages {

	/**
	 * The list of periods goes back at least this far, usage or not, so a client can
	 * always offer a year.
	 */
	static final int MIN_PERIODS = 12;

	private static final Pattern PERIOD = Pattern.compile("\\d{4}-\\d{2}");

	private final UsageAccounts accounts;

	private final UsageTotals totals;

	private final BillingPeriods periods;

	private final Clock clock;

	UsagePages(UsageAccounts accounts, UsageTotals totals, BillingPeriods periods, Clock clock) {
		this.accounts = accounts;
		this.totals = totals;
		this.periods = periods;
		this.clock = clock;
	}

	/** The current period and the past ones, newest first. */
	List<PeriodView> periods(UUID accountId) {
		UsageAccount account = this.accounts.get(accountId);
		BillingPeriod current = current(account);
		return this.periods
			.history(current, this.totals.firstDay(accountId).orElse(null), account.billDay(), MIN_PERIODS)
			.stream()
			.map((period) -> PeriodView.of(period, period.equals(current)))
			.toList();
	}

	UsagePage usage(UUID accountId, String period) {
		return page(resolve(accountId, period));
	}

	DailyUsage daily(UUID accountId, String period) {
		BillingPeriod billing = resolve(accountId, period).period();
		return new DailyUsage(billing.name(), billing.start(), billing.lastDay(), this.totals.days(accountId, billing));
	}

	/** The page as CSV, and the name of its file. */
	UsageCsv.File csv(UUID accountId, String period) {
		Resolved resolved = resolve(accountId, period);
		return UsageCsv.of(resolved.account().accountNumber(), page(resolved));
	}

	private UsagePage page(Resolved resolved) {
		BillingPeriod period = resolved.period();
		return new UsagePage(period.name(), period.start(), period.lastDay(),
				this.totals.items(resolved.account().accountId(), period));
	}

	/**
	 * The account and the asked period: the current one when none is asked; {@code 400}
	 * for a name that is not a month or a period that has not started.
	 */
	private Resolved resolve(UUID accountId, String requested) {
		UsageAccount account = this.accounts.get(accountId);
		BillingPeriod current = current(account);
		if (requested == null || requested.isBlank()) {
			return new Resolved(account, current);
		}
		YearMonth month = month(requested.strip());
		BillingPeriod period = this.periods.starting(month, account.billDay());
		if (period.start().isAfter(current.start())) {
			throw new InvalidParameter("period",
					"period " + period.name() + " has not started yet; the current one is " + current.name());
		}
		return new Resolved(account, period);
	}

	private BillingPeriod current(UsageAccount account) {
		return this.periods.containing(this.clock.instant(), account.billDay());
	}

	private static YearMonth month(String period) {
		if (PERIOD.matcher(period).matches()) {
			try {
				return YearMonth.parse(period);
			}
			catch (DateTimeParseException ex) {
				// reported below
			}
		}
		throw new InvalidParameter("period", "must be a month as yyyy-MM, e.g. 2026-11");
	}

	private record Resolved(UsageAccount account, BillingPeriod period) {
	}

}
