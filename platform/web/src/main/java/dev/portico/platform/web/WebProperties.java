package dev.portico.platform.web;

import java.util.Map;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * HTTP limits shared by the suite.
 *
 * @param maxBodySize largest request body accepted ({@code PORTICO_WEB_MAX_BODY_SIZE},
 * default 1MB)
 * @param maxBodySizeByPath other limits for the paths (Ant patterns) that take batches,
 * first match wins
 */
@ConfigurationProperties("portico.web")
public record WebProperties(@DefaultValue("1MB") DataSize maxBodySize, Map<String, DataSize> maxBodySizeByPath) {

	public WebProperties {
		maxBodySizeByPath = (maxBodySizeByPath != null) ? Map.copyOf(maxBodySizeByPath) : Map.of();
	}

}
