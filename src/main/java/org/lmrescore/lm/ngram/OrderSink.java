package org.lmrescore.lm.ngram;

import org.lmrescore.lm.Vocabulary;

/**
 * Receives a model order by order as the estimator finishes each, so a writer can write order k
 * while order k + 1 is estimated and no order has to outlive its turn: first the vocabulary and
 * every order's n-gram count, then each order's entries in consecutive parts (orders from 1 up;
 * an order may come in any number of parts, none if it is empty), then the end.
 */
public interface OrderSink {
    void begin(Vocabulary vocabulary, long[] counts);

    /** The next entries of order {@code part.order()}, final; the sink may keep the part or let it go. */
    void order(OrderEntries part);

    void end();

    /** The sink that keeps every order: {@link #tables()} after {@link #end()}. */
    final class Collector implements OrderSink {
        private Vocabulary vocabulary;
        private long[] counts;
        private OrderEntries[] orders;
        private BackoffTables tables;

        @Override
        public void begin(Vocabulary vocabulary, long[] counts) {
            this.vocabulary = vocabulary;
            this.counts = counts.clone();
            this.orders = new OrderEntries[counts.length];
        }

        @Override
        public void order(OrderEntries part) {
            int k = part.order();
            if (orders[k - 1] == null && part.size() == counts[k - 1]) {
                orders[k - 1] = part;  // the whole order in one part: kept as it is
                return;
            }
            if (orders[k - 1] == null) {
                orders[k - 1] = new OrderEntries(k, (int) counts[k - 1]);
            }
            orders[k - 1].addAll(part);
        }

        @Override
        public void end() {
            for (int k = 1; k <= orders.length; k++) {
                if (orders[k - 1] == null) {
                    orders[k - 1] = new OrderEntries(k, 0);
                }
            }
            tables = new BackoffTables(vocabulary, orders);
        }

        public BackoffTables tables() {
            return tables;
        }
    }

    /** The sink that notes only each order's n-gram count. */
    final class Counts implements OrderSink {
        private long[] counts;

        @Override
        public void begin(Vocabulary vocabulary, long[] counts) {
            this.counts = counts.clone();
        }

        @Override
        public void order(OrderEntries entries) {
        }

        @Override
        public void end() {
        }

        /** The n-grams of order {@code n} (1-based). */
        public long count(int n) {
            return counts[n - 1];
        }

        /** "c1/c2/...", as the summary lines print them. */
        @Override
        public String toString() {
            StringBuilder sb = new StringBuilder();
            for (int k = 0; counts != null && k < counts.length; k++) {
                sb.append(k == 0 ? "" : "/").append(counts[k]);
            }
            return sb.toString();
        }
    }

    /** Both sinks, in turn. */
    static OrderSink both(OrderSink a, OrderSink b) {
        return new OrderSink() {
            @Override
            public void begin(Vocabulary vocabulary, long[] counts) {
                a.begin(vocabulary, counts);
                b.begin(vocabulary, counts);
            }

            @Override
            public void order(OrderEntries part) {
                a.order(part);
                b.order(part);
            }

            @Override
            public void end() {
                a.end();
                b.end();
            }
        };
    }
}
