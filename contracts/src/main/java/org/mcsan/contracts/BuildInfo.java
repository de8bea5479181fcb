package org.mcsan.contracts;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/** Versions of the project and of the stack it was built against (from a resource filtered at build time). */
public final class BuildInfo {
    private static final Properties PROPERTIES = read();

    private BuildInfo() {}

    public static String version() {
        return get("version");
    }

    public static String get(String key) {
        return PROPERTIES.getProperty(key, "unknown");
    }

    private static Properties read() {
        Properties p = new Properties();
        try (InputStream in = BuildInfo.class.getResourceAsStream("/mcsan-build.properties")) {
            if (in != null) {
                p.load(in);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return p;
    }
}
