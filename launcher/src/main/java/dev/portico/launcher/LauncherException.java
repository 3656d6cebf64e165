package dev.portico.launcher;

/**
 * A failure with a message meant for the person running the suite: one line, saying what
 * is wrong and what to do. {@link Portal} prints only the message (no stack trace).
 */
public class LauncherException extends RuntimeException {

	public LauncherException(String message) {
		super(message);
	}

	public LauncherException(String message, Throwable cause) {
		super(message, cause);
	}

}
