package dev.offpay.core;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertTrue;

/** offpay-core is the domain only: its sources import nothing but java.* (and itself). */
class CoreHasNoIoDependenciesTest {
    private static final Pattern IMPORT = Pattern.compile("^\\s*import\\s+(static\\s+)?([\\w.]+)(\\.\\*)?\\s*;", Pattern.MULTILINE);
    private static final Pattern FULLY_QUALIFIED = Pattern.compile("\\b(javax|jakarta|org|com|io|net|sun)\\.[a-z]\\w*\\.");

    private static Path sources() {
        for (Path p : new Path[]{Path.of("src/main/java"), Path.of("offpay-core/src/main/java")}) {
            if (Files.isDirectory(p.resolve("dev/offpay/core"))) return p.toAbsolutePath();
        }
        throw new IllegalStateException("offpay-core sources not found from " + Path.of("").toAbsolutePath());
    }

    @Test
    void everyImportIsJavaOrCore() throws IOException {
        List<String> offending = new ArrayList<>();
        int files = 0, imports = 0;
        try (Stream<Path> walk = Files.walk(sources())) {
            for (Path f : walk.filter(p -> p.toString().endsWith(".java")).toList()) {
                files++;
                String text = Files.readString(f);
                Matcher m = IMPORT.matcher(text);
                while (m.find()) {
                    imports++;
                    String name = m.group(2);
                    if (!name.startsWith("java.") && !name.startsWith("dev.offpay.core.") && !name.equals("dev.offpay.core")) {
                        offending.add(f.getFileName() + ": import " + name);
                    }
                }
                // A fully qualified use (new org.foo.Bar()) bypasses imports; strip comments and strings first.
                String code = text.replaceAll("(?s)/\\*.*?\\*/", "").replaceAll("//[^\\n]*", "").replaceAll("\"(\\\\.|[^\"\\\\])*\"", "\"\"");
                Matcher q = FULLY_QUALIFIED.matcher(code);
                while (q.find()) offending.add(f.getFileName() + ": uses " + q.group());
            }
        }
        assertTrue(files > 20, "found only " + files + " source files");
        assertTrue(imports > 20);
        assertTrue(offending.isEmpty(), "offpay-core must depend on java.* only:\n  " + String.join("\n  ", offending));
    }

    @Test
    void thePomDeclaresNoDependencies() throws IOException {
        Path pom = sources().getParent().getParent().getParent().resolve("pom.xml");
        String text = Files.readString(pom).replaceAll("(?s)<!--.*?-->", "");
        assertTrue(!text.contains("<artifactId>") || text.split("<dependency>").length == 1,
                "offpay-core/pom.xml must not declare dependencies");
    }
}
