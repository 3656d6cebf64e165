package dev.portico.platform.web;

import java.math.BigDecimal;

import com.fasterxml.jackson.annotation.JsonFormat;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.cfg.DateTimeFeature;
import tools.jackson.databind.cfg.EnumFeature;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.jackson.autoconfigure.JsonMapperBuilderCustomizer;

/**
 * The JSON conventions of the public API: money and quantities as decimal strings (a
 * float would round), ISO-8601 dates, and strictness where a client could mistype a field
 * name or send a number where text belongs.
 */
public class JsonSettings implements JsonMapperBuilderCustomizer {

	@Override
	public void customize(JsonMapper.Builder builder) {
		builder
			.withConfigOverride(BigDecimal.class,
					(override) -> override.setFormat(JsonFormat.Value.forShape(JsonFormat.Shape.STRING)))
			.disable(DateTimeFeature.WRITE_DATES_AS_TIMESTAMPS)
			.disable(DateTimeFeature.WRITE_DURATIONS_AS_TIMESTAMPS)
			.enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
			.enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
			.enable(EnumFeature.FAIL_ON_NUMBERS_FOR_ENUMS)
			.enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
			.enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
			.disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT);
	}

}
