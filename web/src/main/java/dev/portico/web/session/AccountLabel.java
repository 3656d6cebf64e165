package dev.portico.web.session;

import java.io.Serializable;
import java.util.UUID;

/** What the header shows of the account every page is about. Kept in the session, so it is serializable. */
public record AccountLabel(UUID accountId, String number, String name) implements Serializable {
}
