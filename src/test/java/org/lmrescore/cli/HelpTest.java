package org.lmrescore.cli;

import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Every command answers --help and -V before checking its required options, and documents itself. */
class HelpTest {
    private static String[] run(String... args) {
        PrintStream old = System.out;
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        System.setOut(new PrintStream(buffer, true, StandardCharsets.UTF_8));
        try {
            int status = Main.run(args);
            return new String[] {String.valueOf(status), buffer.toString(StandardCharsets.UTF_8)};
        } finally {
            System.setOut(old);
        }
    }

    @Test
    void everyCommandShowsItsHelpAndVersion() {
        Map<String, CommandLine> commands = Main.commandLine().getSubcommands();
        assertTrue(commands.size() > 10, commands.keySet().toString());
        for (String name : commands.keySet()) {
            if (name.equals("help")) {
                continue;
            }
            String[] help = run(name, "--help");
            assertEquals("0", help[0], name + " --help");
            assertTrue(help[1].startsWith("Usage: lmrescore " + name), name + ": " + help[1]);
            assertTrue(help[1].contains("Examples:\n  " + name + " "), name + " shows an example");
            // a value label names what to give (FILE, N, RATE), not the Java field behind it
            assertFalse(help[1].matches("(?s).*=<[a-z]+[A-Z]\\w*>.*"), name + ": " + help[1]);
            String[] version = run(name, "-V");
            assertEquals("0", version[0], name + " -V");
            assertTrue(version[1].startsWith("lmrescore "), name + " -V: [" + version[1] + "]");
        }
    }
}
