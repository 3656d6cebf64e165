package dev.portico.test;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;

/**
 * One real SMTP server (GreenMail) per test JVM on a free loopback port, started on first
 * use.
 */
public final class TestSmtp {

	private static GreenMail server;

	private TestSmtp() {
	}

	public static synchronized GreenMail server() {
		if (server == null) {
			GreenMail started = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP).dynamicPort());
			started.start();
			server = started;
			Runtime.getRuntime().addShutdownHook(new Thread(started::stop, "test-smtp-stop"));
		}
		return server;
	}

	public static int port() {
		return server().getSmtp().getPort();
	}

}
