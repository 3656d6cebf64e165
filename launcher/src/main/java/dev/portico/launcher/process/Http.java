package dev.portico.launcher.process;

import java.io.IOException;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.URI;

/** Minimal HTTP probes without extra threads. */
public final class Http {

	private Http() {
	}

	/** Status code of {@code GET uri}, or -1 if no answer. */
	public static int status(URI uri) {
		try {
			HttpURLConnection c = (HttpURLConnection) uri.toURL().openConnection();
			c.setConnectTimeout(1000);
			c.setReadTimeout(3000);
			c.setInstanceFollowRedirects(false);
			try {
				int code = c.getResponseCode();
				try (InputStream in = code >= 400 ? c.getErrorStream() : c.getInputStream()) {
					if (in != null) {
						in.readAllBytes();
					}
				}
				return code;
			}
			finally {
				c.disconnect();
			}
		}
		catch (IOException e) {
			return -1;
		}
	}

	public static boolean isOk(URI uri) {
		return status(uri) == 200;
	}

}
