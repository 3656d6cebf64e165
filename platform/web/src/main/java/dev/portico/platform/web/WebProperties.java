package dev.portico.platform.web;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * HTTP limits shared by the suite.
 *
 * @param maxBodySize largest request body accepted ({@code PORTICO_WEB_MAX_BODY_SIZE}, default 1MB)
 */
@ConfigurationProperties("portico.web")
public record WebProperties(@DefaultValue("1MB") DataSize maxBodySize) {
}
