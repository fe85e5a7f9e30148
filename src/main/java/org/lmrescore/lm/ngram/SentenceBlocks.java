package org.lmrescore.lm.ngram;

import org.lmrescore.util.Progress;
import org.lmrescore.util.TextInput;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;

/**
 * The training text as blocks of padded sentences' word ids ({@link PaddedSentence}), read,
 * decoded and looked up in the vocabulary on a thread of its own, so that this work overlaps the
 * counting of the blocks before: on two cores the counter's hashing and the tokeniser each take
 * about half of counting's time. A few blocks circulate between the two threads (the reader fills
 * a free one, the counter hands it back when it asks for the next), so memory stays a few blocks
 * whatever the text.
 *
 * <p>The vocabulary belongs to the reader thread until {@link #next} returns null; an error on
 * the reader's side (a line that is not UTF-8, an unreadable file) is thrown by {@link #next}.
 */
final class SentenceBlocks implements AutoCloseable {
    /** Ids a block holds (a longer sentence gets a block to itself, grown to fit). */
    private static final int BLOCK_IDS = 1 << 16;
    private static final int BLOCKS = 4;

    /** Consecutive padded sentences: sentence s is {@code ids[ends[s-1] .. ends[s]-1]} (from 0 for s = 0). */
    static final class Block {
        int[] ids = new int[BLOCK_IDS];
        int[] ends = new int[BLOCK_IDS / 4];
        int sentences;
        int length;
        /** Words of the text in the block (no padding, no {@code </s>}). */
        long words;

        private void clear() {
            sentences = 0;
            length = 0;
            words = 0;
        }

        /** Appends the sentence unless the block already holds some and it does not fit. */
        private boolean add(PaddedSentence sentence, int words) {
            int len = sentence.length();
            if (length + len > ids.length) {
                if (sentences > 0) {
                    return false;
                }
                ids = new int[len];
            }
            if (sentences == ends.length) {
                ends = Arrays.copyOf(ends, sentences * 2);
            }
            System.arraycopy(sentence.ids(), 0, ids, length, len);
            length += len;
            ends[sentences++] = length;
            this.words += words;
            return true;
        }
    }

    /** Marks the end of the text in the queue of filled blocks. */
    private static final Block END = new Block();

    private final BlockingQueue<Block> filled = new ArrayBlockingQueue<>(BLOCKS + 1);
    private final BlockingQueue<Block> free = new ArrayBlockingQueue<>(BLOCKS);
    private final Thread reader;
    private volatile Throwable failure;
    private Block current;
    private boolean ended;

    /** Starts reading {@code text}, padded for n-grams of {@code order}, ids from {@code vocabulary}. */
    SentenceBlocks(Path text, int order, TrainingVocabulary vocabulary, Progress progress) {
        TextInput in = TextInput.open(text);  // a missing file fails here, on the caller's thread
        for (int b = 0; b < BLOCKS; b++) {
            free.add(new Block());
        }
        reader = new Thread(() -> read(in, order, vocabulary, progress), "read " + text.getFileName());
        reader.setDaemon(true);
        reader.start();
    }

    private void read(TextInput in, int order, TrainingVocabulary vocabulary, Progress progress) {
        try (in) {
            PaddedSentence sentence = new PaddedSentence(order);
            Block block = free.take();
            String line;
            while ((line = in.readLine()) != null) {
                progress.advance(line.length() + 1);
                int words = sentence.read(line, vocabulary);
                if (!block.add(sentence, words)) {
                    filled.put(block);
                    block = free.take();
                    block.add(sentence, words);
                }
            }
            if (block.sentences > 0) {
                filled.put(block);
            }
        } catch (InterruptedException e) {
            return;  // closed early: nobody waits for the rest
        } catch (Throwable e) {
            failure = e;
        }
        filled.add(END);  // room is always left for it: BLOCKS + 1 places, at most BLOCKS blocks
    }

    /**
     * The next block, after handing the previous one back; null at the end of the text (the
     * vocabulary is complete then). Rethrows what stopped the reader.
     */
    Block next() {
        if (ended) {
            return null;
        }
        if (current != null) {
            current.clear();
            free.add(current);
            current = null;
        }
        Block b;
        try {
            b = filled.take();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while counting", e);
        }
        if (b == END) {
            ended = true;
            join();
            Throwable f = failure;
            if (f instanceof RuntimeException r) {
                throw r;
            }
            if (f instanceof Error err) {
                throw err;
            }
            if (f != null) {
                throw new IllegalStateException(f);
            }
            return null;
        }
        current = b;
        return b;
    }

    /** Stops the reader if it is still going (counting failed) and waits for it. */
    @Override
    public void close() {
        reader.interrupt();
        join();
    }

    private void join() {
        try {
            reader.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
