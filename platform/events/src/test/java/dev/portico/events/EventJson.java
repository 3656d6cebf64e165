package dev.portico.events;

import java.nio.charset.StandardCharsets;
import java.util.Map;

import org.apache.kafka.common.header.internals.RecordHeaders;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.kafka.support.serializer.JacksonJsonDeserializer;
import org.springframework.kafka.support.serializer.JacksonJsonSerializer;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The JSON round trip every event record's test makes: through a plain mapper (what the
 * outbox table stores) and through the Kafka serializer pair with the suite's stable type
 * names (what consumers read).
 */
public final class EventJson {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final EventTypes TYPES = EventTypes.scan("dev.portico.events");

	private EventJson() {
	}

	/** Asserts both trips give the event back and returns its JSON. */
	public static JsonNode roundTrip(PortalEvent event, String typeName) {
		String text = JSON.writeValueAsString(event);
		assertThat(JSON.readValue(text, event.getClass())).isEqualTo(event);

		Map<String, Object> config = Map.of("spring.json.type.mapping", TYPES.typeMapping(),
				JacksonJsonDeserializer.TRUSTED_PACKAGES, "dev.portico.events.*");
		RecordHeaders headers = new RecordHeaders();
		try (JacksonJsonSerializer<Object> serializer = new JacksonJsonSerializer<>();
				JacksonJsonDeserializer<Object> deserializer = new JacksonJsonDeserializer<>()) {
			serializer.configure(config, false);
			deserializer.configure(config, false);
			byte[] bytes = serializer.serialize(EventTypes.topicOf(event), headers, event);
			assertThat(new String(headers.lastHeader("__TypeId__").value(), StandardCharsets.UTF_8))
				.isEqualTo(typeName);
			assertThat(deserializer.deserialize(EventTypes.topicOf(event), headers, bytes)).isEqualTo(event);
		}
		assertThat(TYPES.byName()).containsEntry(typeName, event.getClass());
		return JSON.readTree(text);
	}

}
