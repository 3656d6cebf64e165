package dev.portico.usage.record;

import io.swagger.v3.oas.annotations.media.Schema;

/**
 * A usage record as producers send it, over REST or Kafka. Every field is read as text
 * and checked by {@link RecordRules}, so that one response (or one dead letter) names
 * everything wrong with a record instead of the first field that would not parse.
 */
@Schema(description = "One usage record")
public record RecordInput(
		@Schema(description = "The producer's id of the record (UUID); a record id seen before is ignored",
				example = "0b9d7c3e-5a1f-4f8e-9d6a-2c4b8e1f0a77",
				requiredMode = Schema.RequiredMode.REQUIRED) String recordId,
		@Schema(description = "The account that used it (UUID)", example = "6f1c2b9e-3d4a-4c5b-8e7f-9a0b1c2d3e4f",
				requiredMode = Schema.RequiredMode.REQUIRED) String accountId,
		@Schema(description = "1 to 100 characters, no control characters", example = "Mobile data",
				requiredMode = Schema.RequiredMode.REQUIRED) String product,
		@Schema(description = "What the usage is counted under, e.g. a phone number or a device id; 1 to 100 "
				+ "characters", example = "+12065550123",
				requiredMode = Schema.RequiredMode.REQUIRED) String usageIdentifier,
		@Schema(description = "At least 0, at most 6 decimals, below 10^12; a decimal string (or a JSON number)",
				type = "string", example = "1.25", requiredMode = Schema.RequiredMode.REQUIRED) String quantity,
		@Schema(description = "One of KB, MB, GB, TB, sec, min, hour, SMS, MMS, call, kWh, unit (case matters)",
				example = "GB", requiredMode = Schema.RequiredMode.REQUIRED) String unit,
		@Schema(description = "ISO-8601 date-time with offset; from 2000 on, at most one day ahead of the "
				+ "server's clock", example = "2026-11-25T10:15:30Z",
				requiredMode = Schema.RequiredMode.REQUIRED) String occurredAt) {
}
