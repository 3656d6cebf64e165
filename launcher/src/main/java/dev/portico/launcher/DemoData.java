package dev.portico.launcher;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Seeds demo data through the public/ops APIs once everything is ready. Idempotent. Nothing to seed until the
 * accounts arrive (issue #4); it must never fake data the services do not own.
 */
public final class DemoData {

    private static final Logger log = LoggerFactory.getLogger(DemoData.class);

    private DemoData() {
    }

    public static void seed(Suite suite) {
        log.info("demo data: nothing to seed yet (accounts arrive with issue #4)");
    }
}
