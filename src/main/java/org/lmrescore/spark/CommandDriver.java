package org.lmrescore.spark;

import org.lmrescore.cli.Main;
import org.lmrescore.util.Log;
import picocli.CommandLine;

import java.io.Serializable;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Supplier;

/**
 * The driver side every command run as a {@link FileJob} shares: the command parsed by its own
 * class, the inputs its {@code --in} names, and the job run over them with the command's
 * expanded arguments (what the executors parse again). A job's runner extends this.
 */
abstract class CommandDriver {
    private CommandLine cli;
    private FileJob.Inputs inputs;

    /** Runs {@code command} (built with this driver as its runner) under the job's name; its exit status. */
    int execute(String name, Object command, String... args) {
        Log.setVerbose(false);
        cli = Main.commandLine(command);
        cli.setCommandName(name);
        return cli.execute(args);
    }

    /** The files of {@code --in} ({@code raw}: as given; {@code local}: how the command resolves a local path). */
    List<Path> inputs(String raw, Supplier<List<Path>> local) {
        inputs = FileJob.Inputs.of(raw, local);
        return inputs.labels();
    }

    /** The job over the inputs {@link #inputs} found: each file's outcome, in input order. */
    <P, R extends Serializable> List<FileJob.Outcome<R>> run(FileJob<P, R> job) {
        return job.run(inputs, cli.getParseResult().expandedArgs());
    }
}
