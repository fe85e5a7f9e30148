package org.lmrescore.lm.ngram;

import org.lmrescore.util.InputFormatException;
import org.lmrescore.util.Log;

import java.nio.file.Files;
import java.nio.file.Path;

/** Opens an n-gram model file of any supported kind, told apart by content, not name. */
public final class NgramModels {
    private NgramModels() {
    }

    /**
     * Any backoff model: {@code classpath:/path} for a Sphinx trie LM resource (such as
     * {@code classpath:/edu/cmu/sphinx/models/en-us/en-us.lm.bin}), a Sphinx trie LM file, or
     * what {@link #load(Path)} reads.
     */
    public static org.lmrescore.lm.LanguageModel loadAny(String spec) {
        if (spec.startsWith("classpath:")) {
            return SphinxTrieModel.loadResource(spec.substring("classpath:".length()));
        }
        Path path = Path.of(spec);
        if (Files.isRegularFile(path) && SphinxTrieModel.isSphinxTrie(path)) {
            try {
                return SphinxTrieModel.load(path.toUri().toURL(), spec);
            } catch (java.net.MalformedURLException e) {
                throw new InputFormatException(path, 0, "cannot open: " + e.getMessage());
            }
        }
        return load(path);
    }

    /** A binary model (by its magic) or an ARPA file (plain or gzip). */
    public static NgramModel load(Path path) {
        if (!Files.isRegularFile(path)) {
            throw new InputFormatException(path, 0, Files.exists(path) ? "not a regular file" : "no such file");
        }
        long t0 = System.nanoTime();
        NgramModel model;
        if (BinaryFormat.isBinary(path)) {
            model = BinaryFormat.read(path);
        } else {
            try {
                model = ArpaReader.read(path, new ProbingBuilder());  // the rows go into the tables as they are read
            } catch (InputFormatException e) {
                throw e.file() != null ? e : new InputFormatException(path, 0, e.getMessage());
            }
        }
        Log.info("loaded %s: order %d, %,d words, in %.2f s", path, model.order(), model.vocabulary().size(),
                (System.nanoTime() - t0) / 1e9);
        return model;
    }
}
