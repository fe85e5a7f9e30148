package org.lmrescore.util;

import java.nio.file.Path;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;

/**
 * A {@link TextInput} read on a thread of its own, a block of lines ahead of its reader, so that
 * reading, gunzipping and decoding overlap the parsing of the lines before (an ARPA file is tens of
 * millions of lines). The reader sees exactly what {@link TextInput} gives, in the same order:
 * the same lines and line numbers, and an error of the file (not UTF-8, truncated gzip) thrown
 * when the reader comes to the line it is about, never earlier. A few blocks are in flight, each
 * at most {@link #BLOCK_LINES} lines or {@link #BLOCK_CHARS} characters (a longer line is a block
 * of its own), so memory stays bounded whatever the file holds.
 */
public final class ReadAheadLines implements AutoCloseable {
    private static final int BLOCK_LINES = 4096;
    private static final int BLOCK_CHARS = 1 << 20;
    private static final int BLOCKS = 4;

    /** Consecutive lines; the last block of the file holds its end or the error that stopped it. */
    private static final class Block {
        final String[] lines = new String[BLOCK_LINES];
        int size;
        boolean last;
        RuntimeException failure;
    }

    private final TextInput in;
    private final BlockingQueue<Block> filled = new ArrayBlockingQueue<>(BLOCKS);
    private final BlockingQueue<Block> free = new ArrayBlockingQueue<>(BLOCKS);
    private final Thread thread;
    private Block current;
    private int next;
    private long lineNumber;

    private ReadAheadLines(TextInput in) {
        this.in = in;
        for (int b = 0; b < BLOCKS; b++) {
            free.add(new Block());
        }
        thread = new Thread(this::readAll, "read " + in.path().getFileName());
        thread.setDaemon(true);
        thread.start();
    }

    /** Opens {@code path} as {@link TextInput#open} does (a missing file fails here) and starts reading ahead. */
    public static ReadAheadLines open(Path path) {
        return new ReadAheadLines(TextInput.open(path));
    }

    private void readAll() {
        try {
            while (true) {
                Block b = free.take();
                b.size = 0;
                int chars = 0;
                try {
                    while (b.size < BLOCK_LINES && chars < BLOCK_CHARS) {
                        String line = in.readLine();
                        if (line == null) {
                            b.last = true;
                            break;
                        }
                        b.lines[b.size++] = line;
                        chars += line.length();
                    }
                } catch (RuntimeException e) {
                    b.failure = e;
                    b.last = true;
                }
                filled.put(b);
                if (b.last) {
                    return;
                }
            }
        } catch (InterruptedException e) {
            // closed before the end: nobody reads the rest
        }
    }

    /** The next line without its terminator, or null at the end of the file. */
    public String readLine() {
        while (current == null || next == current.size) {
            if (current != null) {
                if (current.last) {
                    if (current.failure != null) {
                        throw current.failure;
                    }
                    return null;
                }
                java.util.Arrays.fill(current.lines, 0, current.size, null);
                free.add(current);
            }
            try {
                current = filled.take();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while reading " + in.path(), e);
            }
            next = 0;
        }
        lineNumber++;
        return current.lines[next++];
    }

    /** Line number of the line last returned by {@link #readLine()} (1-based). */
    public long lineNumber() {
        return lineNumber;
    }

    public Path path() {
        return in.path();
    }

    public boolean compressed() {
        return in.compressed();
    }

    /** An error about the line last read (about the whole file before any line was read). */
    public InputFormatException error(String message) {
        return new InputFormatException(in.path(), lineNumber, message);
    }

    /** Stops reading ahead and closes the file. */
    @Override
    public void close() {
        thread.interrupt();
        try {
            thread.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        in.close();
    }
}
