package dev.portico.usage.account;

import java.util.UUID;

import dev.portico.usage.period.BillDay;

/**
 * What usage-service knows of an account: where its periods start and the number its
 * files are named by.
 */
public record UsageAccount(UUID accountId, String accountNumber, BillDay billDay) {
}
