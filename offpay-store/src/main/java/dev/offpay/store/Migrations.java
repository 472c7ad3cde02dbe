package dev.offpay.store;

import javax.sql.DataSource;
import java.io.File;
import java.net.JarURLConnection;
import java.net.URL;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Enumeration;
import java.util.HashSet;
import java.util.Set;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Which Flyway migrations the classpath carries and which a database has applied. */
final class Migrations {
    private static final Pattern FILE = Pattern.compile("V([0-9._]+)__.*\\.sql");

    private Migrations() {
    }

    /** Versions of db/migration/V*__*.sql on the classpath; empty when they cannot be listed (then Flyway decides). */
    static Set<String> packagedVersions() {
        Set<String> versions = new HashSet<>();
        try {
            Enumeration<URL> dirs = Migrations.class.getClassLoader().getResources("db/migration");
            while (dirs.hasMoreElements()) {
                URL url = dirs.nextElement();
                if ("file".equals(url.getProtocol())) {
                    File[] files = new File(url.toURI()).listFiles();
                    if (files != null) for (File f : files) add(versions, f.getName());
                } else if ("jar".equals(url.getProtocol())) {
                    JarURLConnection c = (JarURLConnection) url.openConnection();
                    c.setUseCaches(false);
                    try (JarFile jar = c.getJarFile()) {
                        Enumeration<JarEntry> entries = jar.entries();
                        while (entries.hasMoreElements()) {
                            String name = entries.nextElement().getName();
                            if (name.startsWith("db/migration/")) add(versions, name.substring("db/migration/".length()));
                        }
                    }
                } else {
                    return Set.of();
                }
            }
        } catch (Exception e) {
            return Set.of();
        }
        return versions;
    }

    private static void add(Set<String> versions, String fileName) {
        Matcher m = FILE.matcher(fileName);
        if (m.matches()) versions.add(m.group(1).replace('_', '.'));
    }

    /** Versions the database has applied successfully; empty for a new database. */
    static Set<String> appliedVersions(DataSource ds) {
        Set<String> versions = new HashSet<>();
        try (Connection c = ds.getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT version, success FROM flyway_schema_history")) {
            while (rs.next()) {
                if (rs.getBoolean(2) && rs.getString(1) != null) versions.add(rs.getString(1));
            }
            if (!c.getAutoCommit()) c.rollback();
        } catch (SQLException e) {
            return Set.of();
        }
        return versions;
    }
}
