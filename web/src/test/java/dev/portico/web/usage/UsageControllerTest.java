package dev.portico.web.usage;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.support.StaticListableBeanFactory;
import org.springframework.http.ResponseEntity;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.ui.ExtendedModelMap;

import dev.portico.web.api.ApiCalls;
import dev.portico.web.api.UsageApi;
import dev.portico.web.api.UserToken;
import dev.portico.web.config.Formats;
import dev.portico.web.session.AccountLabel;
import dev.portico.web.session.Viewer;

import static org.assertj.core.api.Assertions.assertThat;

class UsageControllerTest {

	private static final UUID ACCOUNT = UUID.randomUUID();

	private static final UUID OTHER = UUID.randomUUID();

	private final FakeUsage api = new FakeUsage();

	private final MutableClock clock = new MutableClock();

	private final UsageController controller = controller();

	private final MockHttpSession session = new MockHttpSession();

	@Test
	void thePeriodListIsAskedOnceAndRememberedForAFewMinutes() {
		assertThat(view(ACCOUNT, null).get("periods")).asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.LIST)
			.extracting("period")
			.containsExactly("2026-11", "2026-10");
		view(ACCOUNT, null);
		view(ACCOUNT, "2026-10");
		assertThat(this.api.periodCalls.get()).isEqualTo(1);

		this.clock.advance(RememberedPeriods.MAX_AGE.plusSeconds(1));
		view(ACCOUNT, null);
		assertThat(this.api.periodCalls.get()).isEqualTo(2);
	}

	@Test
	void anotherAccountOrAnotherSessionAsksAgain() {
		view(ACCOUNT, null);
		view(OTHER, null);
		assertThat(this.api.periodCalls.get()).isEqualTo(2);
		view(ACCOUNT, null, new MockHttpSession());
		assertThat(this.api.periodCalls.get()).isEqualTo(3);
	}

	@Test
	void aPeriodThatBeganSinceTheListWasRememberedIsSeenAtOnce() {
		view(ACCOUNT, null);
		this.api.current = "2026-12";
		ExtendedModelMap model = view(ACCOUNT, null);
		assertThat(this.api.periodCalls.get()).isEqualTo(2);
		@SuppressWarnings("unchecked")
		List<UsageApi.Period> periods = (List<UsageApi.Period>) model.get("periods");
		assertThat(periods).filteredOn(UsageApi.Period::current)
			.extracting(UsageApi.Period::period)
			.containsExactly("2026-12");
		view(ACCOUNT, null);
		assertThat(this.api.periodCalls.get()).isEqualTo(2);
	}

	private ExtendedModelMap view(UUID account, String period) {
		return view(account, period, this.session);
	}

	private ExtendedModelMap view(UUID account, String period, MockHttpSession session) {
		MockHttpServletRequest request = new MockHttpServletRequest();
		request.setSession(session);
		ExtendedModelMap model = new ExtendedModelMap();
		Viewer viewer = new Viewer("alice", account, new AccountLabel(account, "A-1", "Alice", true, true), false);
		assertThat(this.controller.usage(viewer, period, request, model)).isEqualTo("usage");
		return model;
	}

	private UsageController controller() {
		StaticListableBeanFactory beans = new StaticListableBeanFactory();
		beans.addBean("clock", this.clock);
		UserToken token = new UserToken(null, "portico") {
			@Override
			public String accessToken() {
				return "token";
			}
		};
		return new UsageController(this.api, new ApiCalls(token), new Formats(), beans.getBeanProvider(Clock.class));
	}

	/** Answers as usage-service does: "current" is the period without a selection. */
	static final class FakeUsage implements UsageApi {

		final AtomicInteger periodCalls = new AtomicInteger();

		volatile String current = "2026-11";

		@Override
		public List<Period> periods(UUID accountId) {
			this.periodCalls.incrementAndGet();
			return List.of("2026-10", "2026-11", "2026-12")
				.stream()
				.filter((p) -> p.compareTo(this.current) <= 0)
				.map((p) -> new Period(p, start(p), start(p).plusMonths(1).minusDays(1), p.equals(this.current)))
				.toList()
				.reversed();
		}

		@Override
		public UsagePage usage(UUID accountId, String period) {
			String p = (period != null) ? period : this.current;
			return new UsagePage(p, start(p), start(p).plusMonths(1).minusDays(1), List.of());
		}

		@Override
		public DailyUsage daily(UUID accountId, String period) {
			String p = (period != null) ? period : this.current;
			return new DailyUsage(p, start(p), start(p).plusMonths(1).minusDays(1), List.of());
		}

		@Override
		public ResponseEntity<byte[]> csv(UUID accountId, String period) {
			throw new UnsupportedOperationException();
		}

		private static LocalDate start(String period) {
			return LocalDate.parse(period + "-01");
		}

	}

	static final class MutableClock extends Clock {

		private Instant now = Instant.parse("2026-11-20T10:00:00Z");

		void advance(Duration by) {
			this.now = this.now.plus(by);
		}

		@Override
		public Instant instant() {
			return this.now;
		}

		@Override
		public ZoneOffset getZone() {
			return ZoneOffset.UTC;
		}

		@Override
		public Clock withZone(java.time.ZoneId zone) {
			return this;
		}

	}

}
