package dev.portico.platform.security;

import java.util.UUID;

/**
 * Answers "may this caller act on this account?": its own account and every account below
 * it in the hierarchy, or any account for {@code ops}. Services never answer differently
 * for an account that does not exist and one the caller may not see, so that account
 * existence does not leak (both are {@code 404}).
 * <p>
 * The hierarchy belongs to account-service, which answers from its own tables; the other
 * services ask its lineage endpoint
 * ({@link dev.portico.platform.security.access.LineageAccountAccess}).
 */
public interface AccountAccess {

	boolean mayAccess(PortalPrincipal principal, UUID accountId);

}
