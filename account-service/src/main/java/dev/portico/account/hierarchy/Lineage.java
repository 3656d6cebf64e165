package dev.portico.account.hierarchy;

import java.util.List;
import java.util.UUID;

import dev.portico.account.account.Features;

/**
 * Where an account sits, for the access checks of the other services: its ancestors root
 * first, parent last (empty for a root), and its portal features.
 */
record Lineage(UUID accountId, List<UUID> ancestorIds, Features features) {

	Lineage {
		ancestorIds = List.copyOf(ancestorIds);
	}

}
