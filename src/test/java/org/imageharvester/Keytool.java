package org.imageharvester;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The JDK's keytool, for tests that make their own certificates (a TLS broker, a TLS mail server). */
public final class Keytool {

    private Keytool() {
    }

    /** Runs keytool with these arguments; a failure fails the test with keytool's output. */
    public static void run(String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin",
                "keytool").toString()));
        command.addAll(List.of(args));
        Process keytool = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(keytool.getInputStream().readAllBytes());
        assertEquals(0, keytool.waitFor(), output);
    }
}
