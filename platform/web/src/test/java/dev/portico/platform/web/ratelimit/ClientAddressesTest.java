package dev.portico.platform.web.ratelimit;

import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class ClientAddressesTest {

	private final ClientAddresses addresses = new ClientAddresses(List.of("127.0.0.1", "::1", "10.1.0.0/16"));

	@Test
	void ignoresForwardedForFromAnUntrustedPeer() {
		assertThat(this.addresses.resolve("203.0.113.9", "198.51.100.1")).isEqualTo("203.0.113.9");
	}

	@Test
	void takesTheClientThatTheTrustedGatewayReports() {
		assertThat(this.addresses.resolve("127.0.0.1", "198.51.100.1")).isEqualTo("198.51.100.1");
		assertThat(this.addresses.resolve("0:0:0:0:0:0:0:1", "198.51.100.1")).isEqualTo("198.51.100.1");
	}

	@Test
	void skipsTrustedHopsFromTheRightAndIgnoresWhatTheClientPrependedItself() {
		// The client wrote "1.2.3.4" itself; 198.51.100.1 is what the first trusted proxy
		// saw.
		assertThat(this.addresses.resolve("127.0.0.1", "1.2.3.4, 198.51.100.1, 10.1.2.3")).isEqualTo("198.51.100.1");
	}

	@Test
	void garbageInTheHeaderFallsBackToTheLastTrustedHop() {
		assertThat(this.addresses.resolve("127.0.0.1", "not-an-ip")).isEqualTo("127.0.0.1");
		assertThat(this.addresses.resolve("127.0.0.1", "evil.example, 10.1.9.9")).isEqualTo("10.1.9.9");
		assertThat(this.addresses.resolve("127.0.0.1", "  ")).isEqualTo("127.0.0.1");
	}

	@Test
	void matchesCidrBlocksByPrefix() {
		ClientAddresses cidr = new ClientAddresses(List.of("192.168.128.0/17", "fd00::/8"));
		assertThat(cidr.isTrusted("192.168.200.1")).isTrue();
		assertThat(cidr.isTrusted("192.168.127.255")).isFalse();
		assertThat(cidr.isTrusted("fd12:3456::1")).isTrue();
		assertThat(cidr.isTrusted("fe80::1")).isFalse();
		assertThat(cidr.isTrusted("localhost")).isFalse();
	}

	@Test
	void refusesATrustedProxyThatIsNoAddress() {
		assertThatIllegalArgumentException().isThrownBy(() -> new ClientAddresses(List.of("gateway.internal")));
		assertThatIllegalArgumentException().isThrownBy(() -> new ClientAddresses(List.of("10.0.0.0/33")));
	}

}
