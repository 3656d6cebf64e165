package dev.portico.launcher.process;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;

/** Port checks on 127.0.0.1. */
public final class Ports {

	public static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();

	private Ports() {
	}

	/** True if nothing listens on (and nothing has bound) 127.0.0.1:port. */
	public static boolean isFree(int port) {
		try (ServerSocket s = new ServerSocket()) {
			s.setReuseAddress(true);
			s.bind(new InetSocketAddress(LOOPBACK, port));
		}
		catch (IOException e) {
			return false;
		}
		return !isListening(port);
	}

	/** True if something accepts TCP connections on 127.0.0.1:port. */
	public static boolean isListening(int port) {
		try (Socket s = new Socket()) {
			s.connect(new InetSocketAddress(LOOPBACK, port), 300);
			return true;
		}
		catch (IOException e) {
			return false;
		}
	}

	/** {@code n} distinct free ports, chosen by the kernel. */
	public static int[] freePorts(int n) {
		ServerSocket[] sockets = new ServerSocket[n];
		int[] ports = new int[n];
		try {
			for (int i = 0; i < n; i++) {
				sockets[i] = new ServerSocket(0, 1, LOOPBACK);
				ports[i] = sockets[i].getLocalPort();
			}
			return ports;
		}
		catch (IOException e) {
			throw new UncheckedIOException(e);
		}
		finally {
			for (ServerSocket s : sockets) {
				if (s != null) {
					try {
						s.close();
					}
					catch (IOException ignored) {
						// nothing to do
					}
				}
			}
		}
	}

}
