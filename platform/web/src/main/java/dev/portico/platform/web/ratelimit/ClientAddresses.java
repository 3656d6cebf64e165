package dev.portico.platform.web.ratelimit;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;

/**
 * Finds the address of the client behind a request for rate limiting:
 * {@code X-Forwarded-For} is honoured only when the direct peer is a trusted proxy (e.g.
 * the gateway), since anyone else can write any address into it. Walking the header from
 * the right, trusted hops are skipped and the first untrusted address is the client.
 * Trusted proxies are IP addresses or CIDR blocks ({@code 127.0.0.1}, {@code 10.0.0.0/8},
 * {@code ::1}).
 */
public final class ClientAddresses {

	private final List<Block> trustedProxies;

	public ClientAddresses(List<String> trustedProxies) {
		this.trustedProxies = trustedProxies.stream().map(Block::parse).toList();
	}

	/**
	 * The client address for a request from {@code remoteAddress} carrying
	 * {@code forwardedFor} (the header value, or null).
	 */
	public String resolve(String remoteAddress, String forwardedFor) {
		if (forwardedFor == null || forwardedFor.isBlank() || !isTrusted(remoteAddress)) {
			return remoteAddress;
		}
		List<String> hops = new ArrayList<>();
		for (String hop : forwardedFor.split(",")) {
			hops.add(hop.strip());
		}
		for (int i = hops.size() - 1; i >= 0; i--) {
			String hop = hops.get(i);
			InetAddress address = literal(hop);
			if (address == null) {
				// Garbage in the header: the last trustworthy thing we know is the hop
				// that handed it to us.
				return (i == hops.size() - 1) ? remoteAddress : hops.get(i + 1);
			}
			if (!isTrusted(address)) {
				return address.getHostAddress();
			}
		}
		// Every hop is a trusted proxy: the leftmost one is as close to the client as we
		// can tell.
		return hops.get(0);
	}

	public boolean isTrusted(String address) {
		InetAddress parsed = literal(address);
		return parsed != null && isTrusted(parsed);
	}

	private boolean isTrusted(InetAddress address) {
		return this.trustedProxies.stream().anyMatch((block) -> block.contains(address));
	}

	/** An IP literal without any DNS lookup, or null if the text is not one. */
	static InetAddress literal(String text) {
		if (text == null || text.isEmpty() || text.length() > 45) {
			return null;
		}
		String candidate = (text.startsWith("[") && text.endsWith("]")) ? text.substring(1, text.length() - 1) : text;
		boolean ipv4 = candidate.matches("\\d{1,3}(\\.\\d{1,3}){3}");
		boolean ipv6 = candidate.contains(":") && candidate.matches("[0-9A-Fa-f:.%]+");
		if (!ipv4 && !ipv6) {
			return null;
		}
		try {
			// A literal is parsed, never resolved.
			return InetAddress.getByName(candidate);
		}
		catch (UnknownHostException ex) {
			return null;
		}
	}

	private record Block(byte[] network, int prefix) {

		static Block parse(String spec) {
			String[] parts = spec.strip().split("/", 2);
			InetAddress address = literal(parts[0]);
			if (address == null) {
				throw new IllegalArgumentException("Not an IP address or CIDR block: " + spec);
			}
			int bits = address.getAddress().length * 8;
			int prefix = (parts.length == 2) ? Integer.parseInt(parts[1]) : bits;
			if (prefix < 0 || prefix > bits) {
				throw new IllegalArgumentException("Bad prefix length in " + spec);
			}
			return new Block(address.getAddress(), prefix);
		}

		boolean contains(InetAddress address) {
			byte[] candidate = address.getAddress();
			if (candidate.length != this.network.length) {
				return false;
			}
			int fullBytes = this.prefix / 8;
			for (int i = 0; i < fullBytes; i++) {
				if (candidate[i] != this.network[i]) {
					return false;
				}
			}
			int rest = this.prefix % 8;
			if (rest == 0) {
				return true;
			}
			int mask = (0xFF << (8 - rest)) & 0xFF;
			return (candidate[fullBytes] & mask) == (this.network[fullBytes] & mask);
		}

	}

}
