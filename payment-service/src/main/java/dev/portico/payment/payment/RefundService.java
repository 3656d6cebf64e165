package dev.portico.payment.payment;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

import dev.portico.events.payment.PaymentRefunded;
import dev.portico.payment.config.PaymentsProperties;
import dev.portico.payment.idempotency.IdempotencyKeyReused;
import dev.portico.payment.processor.PaymentProcessor;
import dev.portico.payment.processor.PaymentProcessor.RefundOutcome;
import dev.portico.payment.processor.ProcessorCalls;
import dev.portico.payment.processor.ProcessorRefund;
import dev.portico.platform.money.Money;
import dev.portico.platform.web.InvalidFields;
import dev.portico.platform.web.PortalException;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.event.EventListener;
import org.springframework.dao.DataAccessException;
import org.springframework.http.HttpStatus;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Gives money back from succeeded payments, in full or in part, never more than a payment
 * took in all its refunds. The refund is recorded under the payment's lock before the
 * processor is asked, with its Idempotency-Key, so that a retried request is the same
 * refund; its id is the processor's reference, so that asking again (a retry, or this
 * service's own rounds for refunds whose answer was lost) never refunds twice. A refund
 * that succeeded is announced as {@code PaymentRefunded}, in the transaction that settles
 * it, for invoice-service to take it back from the account's invoices.
 */
@Service
class RefundService {

	private static final Logger log = LoggerFactory.getLogger(RefundService.class);

	private static final int BATCH = 50;

	private final RefundRepository refunds;

	private final PaymentRepository payments;

	private final ProcessorCalls processor;

	private final ApplicationEventPublisher events;

	private final TransactionTemplate transactions;

	private final Clock clock;

	private final PaymentsProperties properties;

	private final ObjectProvider<MeterRegistry> meters;

	RefundService(RefundRepository refunds, PaymentRepository payments, ProcessorCalls processor,
			ApplicationEventPublisher events, TransactionTemplate transactions, Clock clock,
			PaymentsProperties properties, ObjectProvider<MeterRegistry> meters) {
		this.refunds = refunds;
		this.payments = payments;
		this.processor = processor;
		this.events = events;
		this.transactions = transactions;
		this.clock = clock;
		this.properties = properties;
		this.meters = meters;
	}

	/**
	 * Refunds {@code amount} of the payment ({@code null}: all that is left to refund),
	 * or answers the refund the first request with {@code key} created.
	 */
	Refund refund(UUID paymentId, String key, BigDecimal amount, String reason) {
		Instant now = this.clock.instant();
		Created created = this.transactions.execute((status) -> {
			Payment payment = this.payments.lock(paymentId).orElseThrow(PaymentNotFound::new);
			Optional<Refund> earlier = this.refunds.byKey(paymentId, key);
			if (earlier.isPresent()) {
				if (amount != null && earlier.get().amount().compareTo(amount) != 0) {
					throw new IdempotencyKeyReused();
				}
				return new Created(earlier.get(), false);
			}
			if (payment.status() != PaymentStatus.SUCCEEDED) {
				throw new NotRefundable(
						"Only a succeeded payment can be refunded; this one is " + payment.status().shown() + ".");
			}
			BigDecimal left = payment.amount().subtract(this.refunds.notFailed(paymentId));
			if (left.signum() <= 0) {
				throw new NotRefundable("The payment is refunded in full already.");
			}
			BigDecimal wanted = (amount != null) ? amount : left;
			check(wanted, payment, left);
			Refund refund = new Refund(UUID.randomUUID(), paymentId, payment.accountId(), wanted, payment.currency(),
					Refund.RefundStatus.PENDING, reason, "ops", null, null, null, now, null);
			this.refunds.insert(refund, key, now.plus(this.properties.attemptLease()));
			return new Created(refund, true);
		});
		if (!created.ours()) {
			return created.refund();
		}
		Payment payment = this.payments.find(paymentId).orElseThrow();
		return attempt(created.refund(), payment.chargeId());
	}

	private static void check(BigDecimal wanted, Payment payment, BigDecimal left) {
		if (wanted.signum() <= 0) {
			throw InvalidFields.of("amount", "must be greater than zero");
		}
		if (wanted.stripTrailingZeros().scale() > payment.currency().getDefaultFractionDigits()) {
			throw InvalidFields.of("amount", "has more decimals than " + payment.currency().getCurrencyCode()
					+ " allows (" + payment.currency().getDefaultFractionDigits() + ")");
		}
		if (wanted.compareTo(left) > 0) {
			throw InvalidFields.of("amount", "must not exceed what is left to refund of the payment, "
					+ new Money(left, payment.currency()).amount().toPlainString());
		}
	}

	/**
	 * Asks the processor and settles with its answer; a lost answer leaves the refund
	 * unknown, asked again later.
	 */
	private Refund attempt(Refund refund, String chargeId) {
		RefundOutcome outcome;
		try {
			outcome = this.processor.refund(new PaymentProcessor.RefundRequest(refund.id().toString(), chargeId,
					refund.amount(), refund.currency()));
		}
		catch (PaymentProcessor.OutcomeUnknown ex) {
			log.info("Refund {} of payment {} is unknown for now: {}", refund.id(), refund.paymentId(),
					ex.getMessage());
			this.refunds.markUnknown(refund.id(), this.clock.instant());
			return this.refunds.find(refund.id()).orElseThrow();
		}
		settle(refund, outcome);
		return this.refunds.find(refund.id()).orElseThrow();
	}

	private void settle(Refund refund, RefundOutcome outcome) {
		Instant now = this.clock.instant();
		this.transactions.executeWithoutResult((status) -> {
			boolean settled = switch (outcome) {
				case RefundOutcome.Refunded refunded -> this.refunds.settle(refund.id(), Refund.RefundStatus.SUCCEEDED,
						refunded.refundId(), null, null, now);
				case RefundOutcome.Refused refused -> this.refunds.settle(refund.id(), Refund.RefundStatus.FAILED, null,
						refused.code(), refused.message(), now);
			};
			if (settled && outcome instanceof RefundOutcome.Refunded) {
				announce(refund, now);
			}
			if (settled) {
				count((outcome instanceof RefundOutcome.Refunded) ? "succeeded" : "failed");
			}
		});
	}

	private void announce(Refund refund, Instant now) {
		this.events
			.publishEvent(new PaymentRefunded(UUID.randomUUID(), now, refund.accountId(), PaymentRefunded.VERSION,
					refund.paymentId(), refund.id(), refund.amount(), refund.currency().getCurrencyCode()));
	}

	/**
	 * Refunds whose answer was lost (or whose request crashed) are asked again under
	 * their reference, backing off.
	 */
	@Scheduled(fixedDelayString = "${portico.payments.reconcile-every:2s}")
	void retryUnknown() {
		try {
			for (Refund refund : this.refunds.takeDue(this.clock.instant(), BATCH, this.properties.lookupBackOff(),
					this.properties.lookupMaxBackOff())) {
				attempt(refund, this.payments.find(refund.paymentId()).orElseThrow().chargeId());
			}
		}
		catch (DataAccessException ex) {
			log.warn("Retrying refunds failed, trying again later: {}", ex.getMessage());
		}
	}

	/**
	 * The processor has given back more of a charge than Portico's refunds account for: a
	 * refund made at the processor itself, recorded now (once per notice) and announced
	 * like any other.
	 */
	@EventListener
	void onProcessorRefund(ProcessorRefund notice) {
		this.transactions.executeWithoutResult((status) -> {
			Optional<Payment> found = this.payments.lockSucceededByCharge(notice.chargeId());
			if (found.isEmpty() || this.refunds.knowsProcessorRefund(notice.noticeId())) {
				return;
			}
			Payment payment = found.get();
			BigDecimal unaccounted = notice.refundedInAll().subtract(this.refunds.notFailed(payment.id()));
			if (unaccounted.signum() <= 0) {
				return;
			}
			Instant now = this.clock.instant();
			Refund refund = new Refund(UUID.randomUUID(), payment.id(), payment.accountId(), unaccounted,
					payment.currency(), Refund.RefundStatus.SUCCEEDED, "made at the processor", "processor",
					notice.noticeId(), null, null, now, now);
			this.refunds.insert(refund, null, null);
			announce(refund, now);
			count("succeeded");
			log.info("Refund of {} {} for payment {} made at the processor recorded", unaccounted, payment.currency(),
					payment.id());
		});
	}

	private void count(String outcome) {
		this.meters.ifAvailable((registry) -> registry.counter("portico.refunds", "outcome", outcome).increment());
	}

	private record Created(Refund refund, boolean ours) {
	}

	/**
	 * The payment cannot be refunded (any more): {@code 409}, the request itself is fine.
	 */
	static class NotRefundable extends PortalException {

		NotRefundable(String detail) {
			super(HttpStatus.CONFLICT, "payment-not-refundable", "Payment not refundable", detail);
		}

	}

}
