package dev.portico.web.api;

import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.MDC;

import org.springframework.mock.http.client.MockClientHttpRequest;
import org.springframework.mock.http.client.MockClientHttpResponse;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.security.authentication.TestingAuthenticationToken;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ApiCallsTest {

	private final AtomicInteger tokenLookups = new AtomicInteger();

	private final UserToken token = new UserToken(null, "portico") {
		@Override
		public String accessToken() {
			return "token-" + ApiCallsTest.this.tokenLookups.incrementAndGet();
		}
	};

	private final ApiCalls calls = new ApiCalls(this.token);

	@AfterEach
	void clear() {
		SecurityContextHolder.clearContext();
		RequestContextHolder.resetRequestAttributes();
		MDC.clear();
	}

	@Test
	void aForkedCallCarriesTheUsersTokenAndTheRequestIdButNotTheRequest() throws Exception {
		SecurityContextHolder.getContext().setAuthentication(new TestingAuthenticationToken("alice", "x"));
		RequestContextHolder.setRequestAttributes(new ServletRequestAttributes(new MockHttpServletRequest()));
		MDC.put("requestId", "req-7");
		Thread caller = Thread.currentThread();
		MockClientHttpRequest apiCall = new MockClientHttpRequest();

		Supplier<List<Object>> seen = this.calls.fork(() -> {
			try {
				// Both interceptors of the API client: the request id's, then the
				// token's.
				new RequestIdHeader().intercept(apiCall, new byte[0], (request, body) -> this.token.intercept(request,
						body, (withToken, sameBody) -> new MockClientHttpResponse()));
			}
			catch (java.io.IOException ex) {
				throw new java.io.UncheckedIOException(ex);
			}
			return java.util.Arrays.asList(Thread.currentThread() != caller,
					RequestContextHolder.getRequestAttributes());
		});

		assertThat(seen.get()).containsExactly(true, null);
		assertThat(apiCall.getHeaders().getFirst("Authorization")).isEqualTo("Bearer token-1");
		assertThat(apiCall.getHeaders().getFirst("X-Request-Id")).isEqualTo("req-7");
		assertThat(this.tokenLookups).as("the token is taken once, on the request's thread").hasValue(1);
	}

	@Test
	void whatACallThrowsIsThrownWhereItsResultIsAwaited() {
		Supplier<Object> failing = this.calls.fork(() -> {
			throw new IllegalArgumentException("no such period");
		});

		assertThatThrownBy(failing::get).isInstanceOf(IllegalArgumentException.class).hasMessage("no such period");
	}

	@Test
	void forkedCallsRunAtTheSameTime() {
		// Each call waits until both have started: run one after the other, neither would
		// see the other.
		CountDownLatch bothStarted = new CountDownLatch(2);
		Supplier<Boolean> first = this.calls.fork(() -> meet(bothStarted));
		Supplier<Boolean> second = this.calls.fork(() -> meet(bothStarted));

		assertThat(first.get()).isTrue();
		assertThat(second.get()).isTrue();
	}

	private static boolean meet(CountDownLatch latch) {
		latch.countDown();
		try {
			return latch.await(10, TimeUnit.SECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return false;
		}
	}

}
