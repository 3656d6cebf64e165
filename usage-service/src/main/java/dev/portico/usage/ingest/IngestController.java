package dev.portico.usage.ingest;

import java.util.List;

import dev.portico.platform.security.OpsOnly;
import dev.portico.usage.record.RecordInput;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

@RestController
class IngestController {

	private final UsageIngestion ingestion;

	IngestController(UsageIngestion ingestion) {
		this.ingestion = ingestion;
	}

	@OpsOnly
	@Operation(summary = "Take in a batch of usage records (ops)",
			description = "1 to 10,000 records. Every record is checked first; if any is invalid the answer is "
					+ "422 with "
					+ "the errors by index (records[3].quantity, at most 100 listed) and nothing of the batch "
					+ "is stored. "
					+ "A record whose recordId was seen before is ignored and counted as a duplicate, so a batch may "
					+ "be retried safely. Records of accounts usage-service does not know yet are stored all the same.")
	@ApiResponse(responseCode = "202", description = "stored",
			content = @Content(schema = @Schema(implementation = IngestResult.class)))
	@ResponseStatus(HttpStatus.ACCEPTED)
	@PostMapping("/api/usage/records")
	IngestResult ingest(@io.swagger.v3.oas.annotations.parameters.RequestBody(
			content = @Content(array = @ArraySchema(schema = @Schema(implementation = RecordInput.class), minItems = 1,
					maxItems = UsageIngestion.MAX_BATCH))) @RequestBody List<RecordInput> records) {
		return this.ingestion.ingestAll(records);
	}

}
