package dev.portico.platform.security.access;

import java.util.Optional;
import java.util.UUID;

/**
 * Looks up an account's place in the hierarchy; empty for an account that does not exist.
 */
public interface AccountLineages {

	Optional<AccountLineage> find(UUID accountId);

}
