package dev.portico.launcher.process;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/** Detached processes tracked by PID files. */
public final class Processes {

	private Processes() {
	}

	/**
	 * Starts {@code command} in its own session ({@code setsid}), stdin from /dev/null,
	 * stdout and stderr appended to {@code log}, and writes its PID to {@code pidFile}.
	 */
	public static long startDetached(List<String> command, Map<String, String> env, Path workDir, Path log,
			Path pidFile) {
		List<String> cmd = new ArrayList<>();
		if (new File("/usr/bin/setsid").canExecute() || new File("/bin/setsid").canExecute()) {
			cmd.add("setsid");
		}
		cmd.addAll(command);
		ProcessBuilder pb = new ProcessBuilder(cmd).directory(workDir.toFile())
			.redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
			.redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
			.redirectErrorStream(true);
		pb.environment().putAll(env);
		try {
			Files.createDirectories(log.getParent());
			Files.createDirectories(pidFile.getParent());
			Process p = pb.start();
			// setsid execs in place (the child is not a group leader), so this is the
			// command's own PID.
			long pid = p.pid();
			Files.writeString(pidFile, pid + "\n");
			return pid;
		}
		catch (IOException e) {
			throw new UncheckedIOException("cannot start " + command.getFirst(), e);
		}
	}

	/** PID from the file if that process is alive; a stale file is removed. */
	public static Optional<Long> alivePid(Path pidFile) {
		if (!Files.isRegularFile(pidFile)) {
			return Optional.empty();
		}
		try {
			long pid = Long.parseLong(Files.readString(pidFile).trim());
			if (isAlive(pid)) {
				return Optional.of(pid);
			}
		}
		catch (IOException | NumberFormatException e) {
			// treat as stale
		}
		deleteQuietly(pidFile);
		return Optional.empty();
	}

	public static boolean isAlive(long pid) {
		return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
	}

	/**
	 * SIGTERM to all, wait up to {@code grace} for them (and their descendants), then
	 * SIGKILL what is left.
	 */
	/**
	 * SIGTERM to each process and its descendants, SIGKILL to what is still alive after
	 * {@code grace}.
	 * @return the given PIDs that had to be killed
	 */
	public static Set<Long> stopAll(Collection<Long> pids, Duration grace) {
		Set<Long> killed = new HashSet<>();
		List<ProcessHandle> handles = new ArrayList<>();
		for (long pid : pids) {
			ProcessHandle.of(pid).ifPresent(h -> {
				handles.addAll(h.descendants().toList());
				handles.add(h);
				h.destroy();
			});
		}
		long deadline = System.nanoTime() + grace.toNanos();
		for (ProcessHandle h : handles) {
			long left = deadline - System.nanoTime();
			if (left > 0 && h.isAlive()) {
				try {
					h.onExit().get(left, TimeUnit.NANOSECONDS);
				}
				catch (Exception ignored) {
					// timed out or interrupted: killed below
				}
			}
		}
		for (ProcessHandle h : handles) {
			if (h.isAlive()) {
				h.destroyForcibly();
				if (pids.contains(h.pid())) {
					killed.add(h.pid());
				}
			}
		}
		for (ProcessHandle h : handles) {
			try {
				h.onExit().get(5, TimeUnit.SECONDS);
			}
			catch (Exception ignored) {
				// gave it our best
			}
		}
		return killed;
	}

	public static void deleteQuietly(Path file) {
		try {
			Files.deleteIfExists(file);
		}
		catch (IOException ignored) {
			// nothing to do
		}
	}

	/**
	 * Resident set size in KiB of a process and its descendants (e.g. kc.sh and its JVM),
	 * or -1.
	 */
	public static long treeRssKib(long pid) {
		long own = rssKib(pid);
		if (own < 0) {
			return -1;
		}
		return own + ProcessHandle.of(pid)
			.stream()
			.flatMap(ProcessHandle::descendants)
			.mapToLong(h -> Math.max(0, rssKib(h.pid())))
			.sum();
	}

	/** Resident set size in KiB from /proc, or -1. */
	public static long rssKib(long pid) {
		try {
			for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
				if (line.startsWith("VmRSS:")) {
					return Long.parseLong(line.replaceAll("\\D+", ""));
				}
			}
		}
		catch (IOException | RuntimeException e) {
			return -1;
		}
		return -1;
	}

	/** Last {@code n} lines of a file (for error messages). */
	public static String tail(Path file, int n) {
		try {
			List<String> lines = Files.readAllLines(file);
			return String.join("\n", lines.subList(Math.max(0, lines.size() - n), lines.size()));
		}
		catch (IOException | UncheckedIOException e) {
			return "";
		}
	}

}
