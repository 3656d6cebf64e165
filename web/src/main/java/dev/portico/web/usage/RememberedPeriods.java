package dev.portico.web.usage;

import java.io.Serializable;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.servlet.http.HttpSession;

import dev.portico.web.api.UsageApi;

/**
 * The period selector's list, remembered in the user's session for a few minutes: it
 * changes when a period begins (once a month) or when late records reach an earlier
 * period, yet the Usage page asked for it on every view, a third API call beside the rows
 * and the days. A remembered list is used only while its current period is the one the
 * rows came back with, so a period turning over is seen at once; late records show within
 * {@link #MAX_AGE}.
 */
final class RememberedPeriods {

	static final Duration MAX_AGE = Duration.ofMinutes(5);

	private static final String ATTRIBUTE = RememberedPeriods.class.getName();

	private final Clock clock;

	RememberedPeriods(Clock clock) {
		this.clock = clock;
	}

	/** The account's periods as remembered in {@code session}, if fresh. */
	Optional<List<UsageApi.Period>> recall(HttpSession session, UUID accountId) {
		if (session != null && session.getAttribute(ATTRIBUTE) instanceof Entry entry
				&& entry.accountId().equals(accountId)
				&& entry.fetchedAt().plus(MAX_AGE).isAfter(this.clock.instant())) {
			return Optional.of(entry.periods());
		}
		return Optional.empty();
	}

	void remember(HttpSession session, UUID accountId, List<UsageApi.Period> periods) {
		if (session != null) {
			session.setAttribute(ATTRIBUTE, new Entry(accountId, List.copyOf(periods), this.clock.instant()));
		}
	}

	/** Whether {@code periods} still says {@code period} is the current one. */
	static boolean currentIs(List<UsageApi.Period> periods, String period) {
		return periods.stream().anyMatch((candidate) -> candidate.current() && candidate.period().equals(period));
	}

	private record Entry(UUID accountId, List<UsageApi.Period> periods, Instant fetchedAt) implements Serializable {
	}

}
