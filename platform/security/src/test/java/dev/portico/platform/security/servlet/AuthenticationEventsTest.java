package dev.portico.platform.security.servlet;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import org.springframework.security.authentication.AuthenticationEventPublisher;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.TestingAuthenticationToken;
import org.springframework.security.authentication.event.AuthenticationFailureBadCredentialsEvent;

import static org.assertj.core.api.Assertions.assertThat;

class AuthenticationEventsTest {

	final List<Object> published = new ArrayList<>();

	final AuthenticationEventPublisher events = new ServletSecurityAutoConfiguration()
		.authenticationEventPublisher(this.published::add);

	@Test
	void aFailureIsPublishedAsSpringSecurityDoes() {
		this.events.publishAuthenticationFailure(new BadCredentialsException("bad token"),
				new TestingAuthenticationToken("alice", "token"));

		assertThat(this.published).singleElement().isInstanceOf(AuthenticationFailureBadCredentialsEvent.class);
	}

	@Test
	void aSuccessfulBearerAuthenticationPublishesNothing() {
		this.events.publishAuthenticationSuccess(new TestingAuthenticationToken("alice", "token", "ROLE_customer"));

		assertThat(this.published).isEmpty();
	}

}
