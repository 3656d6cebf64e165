package dev.portico.invoice.pdf;

import java.util.Locale;
import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * How fast invoices render, one thread: a one-page invoice (eight lines) in invoices per
 * second, a 300-line invoice in milliseconds (sampled, for the p99 too). Run by
 * {@code bench/invoice-pdf.sh}; the goals are at least 200 one-page invoices per second
 * on one core and a 300-line invoice in under 150 ms.
 */
@State(Scope.Benchmark)
@Fork(value = 1, jvmArgsAppend = { "-Xms256m", "-Xmx256m" })
@Threads(1)
@Warmup(iterations = 10, time = 2)
@Measurement(iterations = 5, time = 2)
public class InvoicePdfBenchmark {

	private final InvoicePdfRenderer renderer = new InvoicePdfRenderer(Locale.US);

	private final InvoiceDocument onePage = InvoiceDocuments.sample();

	private final InvoiceDocument threeHundredLines = InvoiceDocuments.withLines(300);

	@Benchmark
	@BenchmarkMode(Mode.Throughput)
	@OutputTimeUnit(TimeUnit.SECONDS)
	public byte[] onePageInvoice() {
		return this.renderer.render(this.onePage);
	}

	@Benchmark
	@BenchmarkMode(Mode.SampleTime)
	@OutputTimeUnit(TimeUnit.MILLISECONDS)
	public byte[] threeHundredLineInvoice() {
		return this.renderer.render(this.threeHundredLines);
	}

}
