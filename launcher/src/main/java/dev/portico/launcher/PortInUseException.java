package dev.portico.launcher;

/** A port the suite needs is taken by a process the suite did not start. */
public class PortInUseException extends LauncherException {

	private final int port;

	private final String envVar;

	public PortInUseException(String component, int port, String envVar) {
		super("Port " + port + " (" + component + ") is already in use by another process; stop that process or set "
				+ envVar + " to a free port.");
		this.port = port;
		this.envVar = envVar;
	}

	public int port() {
		return port;
	}

	public String envVar() {
		return envVar;
	}

}
