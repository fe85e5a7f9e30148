package org.lmrescore.lm.rnn;

import java.util.ArrayList;
import java.util.List;
import java.util.function.BiConsumer;

/**
 * Several hidden layers on top of each other (--layers N): the bottom one reads the word, each
 * layer above reads the output of the one below, the output layer reads the top one. The state
 * is the layers' states side by side, the top layer's first (so its h is what the output layer
 * sees). Backpropagation runs top-down: each layer's window hands its input errors to the
 * output errors of the layer below, step by step, before that layer's own backward pass.
 */
final class StackedLayer implements HiddenLayer {
    private final HiddenLayer bottom;
    /** Layers 2..N. */
    private final GatedLayer[] upper;
    /** offset[i] = where layer i's state starts (i = 0 bottom, top last, stored first). */
    private final int[] offset;
    private final int stateSize;

    StackedLayer(HiddenLayer bottom, List<GatedLayer> upper) {
        this.bottom = bottom;
        this.upper = upper.toArray(new GatedLayer[0]);
        int n = this.upper.length + 1;
        this.offset = new int[n];
        int at = 0;
        for (int i = n - 1; i >= 0; i--) {
            offset[i] = at;
            at += layer(i).stateSize();
        }
        this.stateSize = at;
    }

    private HiddenLayer layer(int i) {
        return i == 0 ? bottom : upper[i - 1];
    }

    private int layers() {
        return upper.length + 1;
    }

    @Override
    public String type() {
        return bottom.type();
    }

    @Override
    public int size() {
        return layer(layers() - 1).size();
    }

    @Override
    public int stateSize() {
        return stateSize;
    }

    @Override
    public void initialState(float[] state) {
        fillEach(state, HiddenLayer::initialState);
    }

    @Override
    public void resetState(float[] state) {
        fillEach(state, HiddenLayer::resetState);
    }

    /** Each layer's own state as {@code fill} sets it, in its place in {@code state}. */
    private void fillEach(float[] state, BiConsumer<HiddenLayer, float[]> fill) {
        for (int i = 0; i < layers(); i++) {
            float[] s = new float[layer(i).stateSize()];
            fill.accept(layer(i), s);
            System.arraycopy(s, 0, state, offset[i], s.length);
        }
    }

    @Override
    public void step(int input, float[] state, float[] next) {
        float[] x = null;
        for (int i = 0; i < layers(); i++) {
            int n = layer(i).stateSize();
            float[] prev = new float[n];
            System.arraycopy(state, offset[i], prev, 0, n);
            float[] out = new float[n];
            if (i == 0) {
                bottom.step(input, prev, out);
            } else {
                upper[i - 1].stepOn(x, prev, out);
            }
            System.arraycopy(out, 0, next, offset[i], n);
            x = out;
        }
    }

    @Override
    public BpttWindow newWindow(int bptt, int block) {
        return new Window(bptt, block);
    }

    /** Every layer's blocks, named {@code layerK.NAME}, bottom first. */
    @Override
    public List<WeightBlock> weights() {
        List<WeightBlock> all = new ArrayList<>();
        for (int i = 0; i < layers(); i++) {
            for (WeightBlock b : layer(i).weights()) {
                all.add(new WeightBlock("layer" + (i + 1) + "." + b.name(), b.values()));
            }
        }
        return all;
    }

    /** One window per layer, run bottom-up forward and top-down backward. */
    private final class Window implements BpttWindow {
        private final BpttWindow[] windows;
        private final float[] state = new float[stateSize];

        Window(int bptt, int block) {
            windows = new BpttWindow[layers()];
            windows[0] = bottom.newWindow(bptt, block);
            for (int i = 1; i < windows.length; i++) {
                windows[i] = upper[i - 1].newWindowOn(bptt, block, windows[i - 1]);
            }
        }

        @Override
        public void start(float[] s) {
            for (int i = 0; i < windows.length; i++) {
                float[] part = new float[layer(i).stateSize()];
                System.arraycopy(s, offset[i], part, 0, part.length);
                windows[i].start(part);
            }
        }

        @Override
        public float[] forward(int input) {
            float[] h = windows[0].forward(input);
            for (int i = 1; i < windows.length; i++) {
                h = ((GatedLayer.Window) windows[i]).forwardOn(h);
            }
            return h;
        }

        @Override
        public float[] outputError() {
            return windows[windows.length - 1].outputError();
        }

        @Override
        public float[] outputErrorAt(int stepsAgo) {
            return windows[windows.length - 1].outputErrorAt(stepsAgo);
        }

        @Override
        public float[] state() {
            for (int i = 0; i < windows.length; i++) {
                System.arraycopy(windows[i].state(), 0, state, offset[i], layer(i).stateSize());
            }
            return state;
        }

        @Override
        public void backward(float alpha, float keep, float clip) {
            for (int i = windows.length - 1; i >= 0; i--) {
                windows[i].backward(alpha, keep, clip);
            }
        }
    }
}
