package dev.portico.events.consumer;

/**
 * Thrown by a consumer for an event that can never be applied, however often it is
 * retried (it breaks a rule of the consumer's model): the record goes to its topic's
 * dead-letter topic at once, instead of holding up its partition.
 */
public class PoisonEvent extends RuntimeException {

	public PoisonEvent(String message) {
		super(message);
	}

}
