package org.lmrescore.rescore;

import org.lmrescore.lm.LanguageModel;
import org.lmrescore.lm.LmState;
import org.lmrescore.lm.Vocabulary;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The distinct prefixes of an N-best list's id sequences, each scored once: hypotheses that
 * begin with the same words share the states and probabilities of that prefix (a 100-best list
 * of one utterance mostly differs in a few places; the shared dev lists have 254 prefixes each
 * on average).
 *
 * <p>Scoring goes level by level: the states of every prefix of one length are made, the model
 * is told them all at once ({@link LanguageModel#prepare}), then they are scored. A model whose
 * exact probabilities need a normaliser over its whole vocabulary (an NCE-trained RNN) computes
 * it for a batch of states per pass over its output weights instead of one pass per state.
 * Scores are the same as reading each hypothesis alone ({@code PrefixTreeRescorer.rescoreEachAlone}).
 */
public final class PrefixTree {
    /** What the tree asks of a model: {@link Scorer} (with its OOV charge), or a plain model ({@link #of}). */
    public interface Model {
        LmState start();

        double logProb(LmState state, int id);

        LmState next(LmState state, int id);

        double endLogProb(LmState state);

        void prepare(List<LmState> states);
    }

    /** A model's raw log probabilities ({@code </s>} as the end). */
    public static Model of(LanguageModel model) {
        int end = model.vocabulary().id(Vocabulary.EOS);
        return new Model() {
            public LmState start() {
                return model.start();
            }

            public double logProb(LmState state, int id) {
                return model.logProb(state, id);
            }

            public LmState next(LmState state, int id) {
                return model.next(state, id);
            }

            public double endLogProb(LmState state) {
                return model.logProb(state, end);
            }

            public void prepare(List<LmState> states) {
                model.prepare(states);
            }
        };
    }

    private final Node root = new Node(null, -1, 0);
    private final List<Node> ends = new ArrayList<>();

    /** Adds one hypothesis (its model ids, skipped tokens left out); hypotheses are numbered from 0 in order. */
    public void add(int[] ids) {
        Node node = root;
        for (int id : ids) {
            node = node.child(id);
        }
        node.isEnd = true;
        ends.add(node);
    }

    /** Scores every prefix and every hypothesis end with {@code model}, level by level. */
    public void score(Model model) {
        root.state = model.start();
        List<Node> level = List.of(root);
        while (!level.isEmpty()) {
            List<LmState> states = new ArrayList<>(level.size());
            for (Node n : level) {
                states.add(n.state);
            }
            model.prepare(states);
            List<Node> next = new ArrayList<>();
            for (Node n : level) {
                if (n.isEnd) {
                    n.endLogProb = model.endLogProb(n.state);
                }
                for (int i = 0; i < n.childCount; i++) {
                    Node c = n.children[i];
                    c.logProb = model.logProb(n.state, c.id);
                    c.total = n.total + c.logProb;
                    c.state = model.next(n.state, c.id);
                    next.add(c);
                }
                n.state = null;  // its children have their own: only one level of states is alive
            }
            level = next;
        }
    }

    /** ln P of hypothesis {@code h}: its tokens and the end, summed from the start as reading it alone does. */
    public double total(int h) {
        Node n = ends.get(h);
        return n.total + n.endLogProb;
    }

    /** ln P of each token of hypothesis {@code h}, then of the end. */
    public double[] tokenLogProbs(int h) {
        Node n = ends.get(h);
        double[] out = new double[n.depth + 1];
        out[n.depth] = n.endLogProb;
        for (Node x = n; x.parent != null; x = x.parent) {
            out[x.depth - 1] = x.logProb;
        }
        return out;
    }

    /** A prefix: its last id, ln P of that id after the parent, the sum from the start; children in small arrays. */
    private static final class Node {
        final Node parent;
        final int id;
        final int depth;
        LmState state;
        double logProb;
        double total;
        double endLogProb = Double.NaN;
        boolean isEnd;
        int[] childIds;
        Node[] children;
        int childCount;

        Node(Node parent, int id, int depth) {
            this.parent = parent;
            this.id = id;
            this.depth = depth;
        }

        Node child(int childId) {
            for (int i = 0; i < childCount; i++) {
                if (childIds[i] == childId) {
                    return children[i];
                }
            }
            if (childIds == null) {
                childIds = new int[2];
                children = new Node[2];
            } else if (childCount == childIds.length) {
                childIds = Arrays.copyOf(childIds, childCount * 2);
                children = Arrays.copyOf(children, childCount * 2);
            }
            Node c = new Node(this, childId, depth + 1);
            childIds[childCount] = childId;
            children[childCount++] = c;
            return c;
        }
    }
}
