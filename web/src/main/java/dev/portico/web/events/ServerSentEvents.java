package dev.portico.web.events;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;

/**
 * Reads a {@code text/event-stream} as the HTML standard defines it, as far as the
 * balance stream uses it: an event is the {@code event:} and {@code data:} lines up to a
 * blank line (several data lines joined by newlines); a comment line ({@code :…}) is
 * reported as an event without a name, which is how heartbeats arrive.
 */
final class ServerSentEvents {

	@FunctionalInterface
	interface Handler {

		/** {@code event} is {@code null} for a comment. */
		void on(String event, String data) throws IOException;

	}

	private final InputStream body;

	ServerSentEvents(InputStream body) {
		this.body = body;
	}

	void forEach(Handler handler) throws IOException {
		BufferedReader reader = new BufferedReader(new InputStreamReader(this.body, StandardCharsets.UTF_8));
		String event = null;
		StringBuilder data = null;
		for (String line = reader.readLine(); line != null; line = reader.readLine()) {
			if (line.isEmpty()) {
				if (data != null) {
					handler.on((event != null) ? event : "message", data.toString());
				}
				event = null;
				data = null;
			}
			else if (line.startsWith(":")) {
				handler.on(null, line.substring(1).strip());
			}
			else if (line.startsWith("event:")) {
				event = line.substring(6).strip();
			}
			else if (line.startsWith("data:")) {
				String value = line.substring(5);
				value = value.startsWith(" ") ? value.substring(1) : value;
				data = (data == null) ? new StringBuilder(value) : data.append('\n').append(value);
			}
		}
	}

}
