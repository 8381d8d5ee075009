package it.io.keyframe.support;

import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * JUnit extension that starts one {@link KeyframeServer} for the whole integration-test JVM (a
 * server start costs 15-30 s) and stops it, with its database and files, when the JVM's tests end.
 * Tests that must restart or kill a server create their own instead.
 */
public class SharedServer implements ParameterResolver {

    /** 6 s segments keep the recording tests short. */
    public static final String TOML = """
            segment_duration_secs = 6

            [storage.cleanup]
            enabled = true
            max_retention_days = 30
            max_disk_usage_percent = 95
            check_interval_secs = 3600
            """;

    /** Every shared-server test calls from 127.0.0.1: one client for the rate limit, so it is off here (RateLimitIT tests it). */
    static final String NO_RATE_LIMIT = """

            [security]
            download_per_minute = 0
            export_per_minute = 0
            """;

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == KeyframeServer.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        return context.getRoot().getStore(ExtensionContext.Namespace.GLOBAL)
                .getOrComputeIfAbsent(Holder.class, k -> new Holder(startOrClean()), Holder.class)
                .server;
    }

    private static KeyframeServer startOrClean() {
        KeyframeServer server = new KeyframeServer(TOML + NO_RATE_LIMIT);
        try {
            return server.start();
        } catch (RuntimeException e) {
            server.close();
            throw e;
        }
    }

    private record Holder(KeyframeServer server) implements ExtensionContext.Store.CloseableResource, AutoCloseable {
        @Override
        public void close() {
            server.close();
        }
    }
}
