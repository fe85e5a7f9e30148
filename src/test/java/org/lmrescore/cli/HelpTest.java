package org.lmrescore.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lmrescore.SharedData;
import picocli.CommandLine;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

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

    @TempDir
    Path dir;

    /**
     * The first example of {@code rescore --help}, run as printed (the shared data where it says
     * ../shared, the output in a temp folder), does not raise WER over the first pass: the
     * bundled models with the untuned default weights.
     */
    @Test
    void theFirstRescoreExampleDoesNotRaiseWer() throws Exception {
        Path shared = SharedData.require("speech/dev/sphinx/slf").getParent().getParent().getParent().getParent();
        String help = run("rescore", "--help")[1];
        String examples = help.substring(help.indexOf("Examples:\n") + "Examples:\n".length());
        StringBuilder first = new StringBuilder();
        for (String line : examples.split("\n")) {
            String t = line.trim();
            first.append(t.endsWith("\\") ? t.substring(0, t.length() - 1) : t).append(' ');
            if (!t.endsWith("\\")) {
                break;
            }
        }
        List<String> args = new ArrayList<>();
        String[] words = first.toString().trim().split("\\s+");
        assertEquals("rescore", words[0]);
        for (int i = 0; i < words.length; i++) {
            String w = words[i].replace("../shared/", shared + "/");
            args.add(i > 0 && words[i - 1].equals("--out") ? dir.resolve("out").toString() : w);
        }
        assertTrue(args.contains("--ref") && args.contains("--baseline"), args.toString());
        assertEquals("0", run(args.toArray(new String[0]))[0], args.toString());
        String summary = Files.readString(dir.resolve("out").resolve("summary.json"));
        double before = number(summary, "wer_before");
        double after = number(summary, "wer_after");
        assertTrue(after <= before, "WER " + before + " -> " + after + ": " + args);
    }

    private static double number(String json, String field) {
        Matcher m = Pattern.compile("\"" + field + "\": ([0-9.]+)").matcher(json);
        assertTrue(m.find(), field + " in " + json);
        return Double.parseDouble(m.group(1));
    }
}
