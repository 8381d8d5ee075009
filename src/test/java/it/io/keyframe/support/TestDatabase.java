package it.io.keyframe.support;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;
import java.util.UUID;

/**
 * A fresh PostgreSQL database for one test run, owned by the role the server uses, dropped at the
 * end, so that runs never share state. Connects over loopback as the role {@code bin/keyframe
 * setup} creates ({@code keyframe}, allowed to create databases); override with {@code DB_*}.
 */
public final class TestDatabase implements AutoCloseable {

    /** IPv4 loopback rather than "localhost", which may resolve to ::1 first. */
    public static final String HOST = env("DB_HOST", "localhost").replace("localhost", "127.0.0.1");
    public static final int PORT = Integer.parseInt(env("DB_PORT", "5432"));
    public static final String ROLE = env("DB_USER", "keyframe");
    public static final String ROLE_PASSWORD = env("DB_PASSWORD", "keyframe");

    private final String name = "keyframe_it_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);

    public TestDatabase() {
        try (Connection admin = admin("postgres"); Statement statement = admin.createStatement()) {
            statement.execute("CREATE DATABASE " + name);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create the test database as " + ROLE + " on " + HOST + ":" + PORT
                    + " (bin/keyframe setup starts PostgreSQL and creates the role)", e);
        }
    }

    public String name() {
        return name;
    }

    /** A connection to the test database, for assertions. */
    public Connection connect() throws SQLException {
        return admin(name);
    }

    private static Connection admin(String database) throws SQLException {
        Properties properties = new Properties();
        properties.setProperty("user", ROLE);
        properties.setProperty("password", ROLE_PASSWORD);
        return DriverManager.getConnection("jdbc:postgresql://" + HOST + ":" + PORT + "/" + database, properties);
    }

    @Override
    public void close() {
        try (Connection admin = admin("postgres"); Statement statement = admin.createStatement()) {
            statement.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '" + name + "'");
            statement.execute("DROP DATABASE IF EXISTS " + name);
        } catch (SQLException e) {
            System.err.println("could not drop test database " + name + ": " + e.getMessage());
        }
    }

    private static String env(String key, String fallback) {
        String value = System.getenv(key);
        return value == null || value.isBlank() ? fallback : value;
    }
}
