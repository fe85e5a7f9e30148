package org.lmrescore.cli;

import org.lmrescore.util.InputFormatException;
import org.lmrescore.util.Log;
import picocli.CommandLine;
import picocli.CommandLine.Command;

import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The one program behind every launcher in {@code bin/}: {@code lmrescore <command> [options]}.
 * Commands only parse options, call the packages that do the work, and print.
 */
@Command(name = "lmrescore",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = "Rescore speech-recognition lattices and N-best lists with RNN and Kneser-Ney language models.",
        subcommands = CommandLine.HelpCommand.class)
public final class Main implements Runnable {
    /** Exit status of a batch that skipped some bad files and wrote the results of the others. */
    public static final int EXIT_SOME_SKIPPED = 1;
    /** Exit status for bad input or options (file, line and what was expected are printed). */
    public static final int EXIT_BAD_INPUT = 2;
    /** Exit status for an internal error (a bug: the message asks for --verbose to see the trace). */
    public static final int EXIT_INTERNAL = 3;

    /**
     * The commands by name, in help order. They are added to the tree by {@link #commandLine}, all
     * of them, or only the one a command line names: picocli builds a command's model (its
     * classes loaded, its annotations read) when it is added, and that is most of the start-up
     * time of a short command.
     */
    private static final Map<String, Supplier<Object>> COMMANDS = new LinkedHashMap<>();

    static {
        COMMANDS.put("decode", DecodeCommand::new);
        COMMANDS.put("wer", WerCommand::new);
        COMMANDS.put("ppl", PplCommand::new);
        COMMANDS.put("train-kn", TrainKnCommand::new);
        COMMANDS.put("build-binary", BuildBinaryCommand::new);
        COMMANDS.put("rescore", RescoreCommand::new);
        COMMANDS.put("train-rnn", TrainRnnCommand::new);
        COMMANDS.put("mix", MixCommand::new);
        COMMANDS.put("rnn", RnnCommand::new);
        COMMANDS.put("tune", TuneCommand::new);
        COMMANDS.put("plot", PlotCommand::new);
    }

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** Runs a command line and returns its exit status (used by tests and launchers). */
    public static int run(String... args) {
        Log.setVerbose(false);
        CommandLine cli = args.length > 0 && COMMANDS.containsKey(args[0]) ? tree(args[0]) : commandLine();
        try {
            return cli.execute(args);
        } catch (OutOfMemoryError e) {
            // the job's data did not fit the heap: say so and how to give more, not a stack trace
            String command = args.length > 0 && COMMANDS.containsKey(args[0]) ? args[0] : null;
            cli.getErr().println("lmrescore" + (command != null ? " " + command : "")
                    + ": error: out of memory (" + e.getMessage() + ") with a maximum heap of "
                    + Runtime.getRuntime().maxMemory() / (1 << 20) + " MB: give the JVM more with LMRESCORE_JAVA_OPTS=-Xmx..."
                    + ("train-kn".equals(command) ? ", or a smaller --memory" : ""));
            cli.getErr().flush();
            return EXIT_INTERNAL;
        }
    }

    /** The configured picocli command tree. */
    public static CommandLine commandLine() {
        return tree(COMMANDS.keySet().toArray(new String[0]));
    }

    /** The tree with only these commands (and help). */
    private static CommandLine tree(String... names) {
        CommandLine cli = new CommandLine(new Main());
        for (String name : names) {
            cli.addSubcommand(name, COMMANDS.get(name).get());
        }
        // every command answers -h/--help (before its required options are checked) and -V/--version
        for (CommandLine sub : cli.getSubcommands().values()) {
            if (!(sub.getCommand() instanceof CommandLine.HelpCommand)) {
                sub.getCommandSpec().mixinStandardHelpOptions(true);
            }
            sub.getCommandSpec().versionProvider(new VersionProvider());
        }
        return configure(cli);
    }

    /**
     * One command on its own, configured as in the tree (the Spark jobs run {@code rescore} this
     * way, with their own runner).
     */
    public static CommandLine commandLine(Object command) {
        CommandLine cli = new CommandLine(command);
        cli.getCommandSpec().mixinStandardHelpOptions(true);
        cli.getCommandSpec().versionProvider(new VersionProvider());
        return configure(cli);
    }

    /** Number converters, the error handler and the help width every command shares. */
    private static CommandLine configure(CommandLine cli) {
        // a number option given NaN or Infinity is refused by name, never passed on to mean something odd
        CommandLine.ITypeConverter<Double> finite = text -> {
            double d = Double.parseDouble(text);
            if (!Double.isFinite(d)) {
                throw new CommandLine.TypeConversionException("'" + text + "' is not a finite number");
            }
            return d;
        };
        cli.registerConverter(Double.class, finite);
        cli.registerConverter(Double.TYPE, finite);
        cli.setExecutionExceptionHandler(Main::handle);
        cli.setCaseInsensitiveEnumValuesAllowed(true);
        // wide enough that an example line with paths is not broken in two
        cli.setUsageHelpWidth(120);
        return cli;
    }

    private static int handle(Exception e, CommandLine cmd, CommandLine.ParseResult parsed) {
        PrintWriter err = cmd.getErr();
        String name = cmd.getCommandSpec().qualifiedName(" ");
        if (e instanceof InputFormatException) {
            err.println(name + ": error: " + e.getMessage());
            err.flush();
            return EXIT_BAD_INPUT;
        }
        if (e instanceof UncheckedIOException || e instanceof java.io.IOException) {
            err.println(name + ": error: " + e.getMessage()
                    + (e.getCause() != null ? " (" + e.getCause().getMessage() + ")" : ""));
            err.flush();
            return EXIT_BAD_INPUT;
        }
        if (Log.verbose()) {
            e.printStackTrace(err);
        } else {
            err.println(name + ": internal error: " + e + " (run with --verbose for the stack trace)");
        }
        err.flush();
        return EXIT_INTERNAL;
    }
}
