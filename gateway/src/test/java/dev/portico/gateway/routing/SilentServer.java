package dev.portico.gateway.routing;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Accepts connections on loopback and holds them open without reading or writing a byte. */
final class SilentServer implements AutoCloseable {

	private final ServerSocket socket;

	private final List<Socket> held = new CopyOnWriteArrayList<>();

	SilentServer() {
		try {
			this.socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
		Thread.ofPlatform().daemon().name("silent-service").start(this::accept);
	}

	int port() {
		return this.socket.getLocalPort();
	}

	int accepted() {
		return this.held.size();
	}

	private void accept() {
		while (!this.socket.isClosed()) {
			try {
				this.held.add(this.socket.accept());
			}
			catch (IOException ex) {
				return; // closed
			}
		}
	}

	@Override
	public void close() throws IOException {
		this.socket.close();
		for (Socket connection : this.held) {
			connection.close();
		}
	}

}
