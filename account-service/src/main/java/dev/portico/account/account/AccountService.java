package dev.portico.account.account;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import dev.portico.platform.web.InvalidFields;
import dev.portico.platform.security.AccountNotFound;
import dev.portico.account.account.AccountRepository.NewAccount;
import dev.portico.account.config.AccountsProperties;
import dev.portico.events.account.AccountAddress;
import dev.portico.events.account.AccountContact;
import dev.portico.events.account.AccountFeatures;
import dev.portico.events.account.AccountOpened;
import dev.portico.events.account.AccountProfileChanged;
import dev.portico.platform.web.FieldError;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Opens accounts and changes their contact details. Each change and its
 * {@code accounts.v1} event commit together: the event goes to the outbox in the same
 * transaction.
 */
@Service
public class AccountService {

	private final AccountRepository accounts;

	private final ApplicationEventPublisher events;

	private final Clock clock;

	private final int maxDepth;

	AccountService(AccountRepository accounts, ApplicationEventPublisher events, Clock clock,
			AccountsProperties properties) {
		this.accounts = accounts;
		this.events = events;
		this.clock = clock;
		this.maxDepth = properties.maxDepth();
	}

	/**
	 * Opens an account; the rules that need the parent are checked here, the shape of the
	 * request before.
	 */
	@Transactional
	public Account open(OpeningRequest request) {
		Optional<Account> parent = (request.parentId() != null) ? this.accounts.find(request.parentId())
				: Optional.empty();
		List<FieldError> errors = new ArrayList<>();
		if (request.parentId() != null && parent.isEmpty()) {
			errors.add(new FieldError("parentId", "no such account"));
		}
		if (request.invoicedByParent() && request.parentId() == null) {
			errors.add(new FieldError("invoicedByParent", "requires a parentId"));
		}
		parent.ifPresent((p) -> {
			if (request.invoicedByParent() && !p.currency().equals(request.currency())) {
				errors.add(new FieldError("currency", "must be the parent's currency (" + p.currency().getCurrencyCode()
						+ ") when the parent is invoiced for this account"));
			}
			if (p.depth() + 1 > this.maxDepth) {
				errors
					.add(new FieldError("parentId", "the hierarchy may be at most " + this.maxDepth + " levels deep"));
			}
		});
		if (!errors.isEmpty()) {
			throw new InvalidFields(errors);
		}
		Instant now = this.clock.instant();
		Account account = this.accounts.insert(new NewAccount(UUID.randomUUID(), request.name().strip(),
				request.currency(), request.billDay(), request.contact().normalised(), request.billingAddress(),
				request.features(), request.parentId(), request.invoicedByParent()), now);
		this.events.publishEvent(new AccountOpened(UUID.randomUUID(), now, account.id(), AccountOpened.VERSION,
				account.accountNumber(), account.name(), account.currency().getCurrencyCode(), account.billDay(),
				account.parentId(), account.invoicedByParent(),
				new AccountFeatures(account.features().payments(), account.features().paymentMethods())));
		return account;
	}

	/**
	 * Applies a change of contact details computed from the current ones. The row is
	 * locked while the change is computed, so that two concurrent patches both apply
	 * instead of one overwriting the other.
	 */
	@Transactional
	public Account changeContactDetails(UUID accountId, ContactDetailsChange change) {
		Account current = this.accounts.findForUpdate(accountId).orElseThrow(AccountNotFound::new);
		ContactDetails changed = change.apply(new ContactDetails(current.contact(), current.billingAddress()));
		Contact contact = changed.contact().normalised();
		if (contact.equals(current.contact()) && changed.billingAddress().equals(current.billingAddress())) {
			return current;
		}
		Instant now = this.clock.instant();
		this.accounts.updateContactDetails(accountId, contact, changed.billingAddress(), now);
		BillingAddress address = changed.billingAddress();
		this.events.publishEvent(new AccountProfileChanged(UUID.randomUUID(), now, accountId,
				AccountProfileChanged.VERSION, new AccountContact(contact.name(), contact.email(), contact.phone()),
				new AccountAddress(address.line1(), address.line2(), address.city(), address.region(),
						address.postalCode(), address.country())));
		return this.accounts.find(accountId).orElseThrow(AccountNotFound::new);
	}

	public Account get(UUID accountId) {
		return this.accounts.find(accountId).orElseThrow(AccountNotFound::new);
	}

	public Optional<Account> find(UUID accountId) {
		return this.accounts.find(accountId);
	}

	/** A validated request to open an account. */
	public record OpeningRequest(String name, Currency currency, int billDay, UUID parentId, boolean invoicedByParent,
			Contact contact, BillingAddress billingAddress, Features features) {
	}

	/** The part of an account a customer may change. */
	public record ContactDetails(Contact contact, BillingAddress billingAddress) {
	}

	/**
	 * Computes new contact details from the current ones; throws if the result is not
	 * acceptable.
	 */
	@FunctionalInterface
	public interface ContactDetailsChange {

		ContactDetails apply(ContactDetails current);

	}

}
