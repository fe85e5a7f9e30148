package org.lmrescore.lm.ngram;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * The n-grams of one order in a linear-probing hash table, as KenLM's probing model: a slot is the
 * n-gram's 64-bit key ({@link NgramHash}; 0 marks an empty slot), its log10 probability and, below
 * the highest order, its log10 backoff (16 or 12 bytes), so a lookup touches one cache line. The
 * capacity is 1.5 times the entries, not a power of two (a key's home slot is its high 32 bits
 * scaled to the capacity), which keeps the file at KenLM's size.
 *
 * <p>The slots live in little-endian buffers of at most {@link #CHUNK_SLOTS} slots each: heap
 * buffers while a model is built, or the mapped pages of a binary file, which then is the table
 * itself (loading costs page faults only). A probe sequence is bounded by the capacity, so even a
 * table without an empty slot (a hostile file) cannot loop forever.
 */
final class ProbingTable {
    /** What {@link #find} returns for an absent key. */
    static final int NO_SLOT = -1;
    /** Slots per buffer: 2^26, at most 1 GiB, within a buffer's int index. */
    static final int CHUNK_SLOT_BITS = 26;
    static final int CHUNK_SLOTS = 1 << CHUNK_SLOT_BITS;
    /** The largest capacity (slots). */
    static final int MAX_CAPACITY = Integer.MAX_VALUE - 1;

    private final ByteBuffer[] chunks;
    private final int capacity;
    private final int slotBytes;
    private final boolean hasBackoff;
    private int size;

    private ProbingTable(ByteBuffer[] chunks, int capacity, boolean hasBackoff, int size) {
        this.chunks = chunks;
        this.capacity = capacity;
        this.hasBackoff = hasBackoff;
        this.slotBytes = slotBytes(hasBackoff);
        this.size = size;
    }

    /** An empty heap table for {@code expected} entries; {@code hasBackoff} false at the highest order. */
    static ProbingTable allocate(long expected, boolean hasBackoff) {
        int cap = capacityFor(expected);
        ByteBuffer[] chunks = new ByteBuffer[chunkCount(cap)];
        for (int c = 0; c < chunks.length; c++) {
            int slots = Math.min(CHUNK_SLOTS, cap - c * CHUNK_SLOTS);
            chunks[c] = ByteBuffer.allocate(slots * slotBytes(hasBackoff)).order(ByteOrder.LITTLE_ENDIAN);
        }
        return new ProbingTable(chunks, cap, hasBackoff, 0);
    }

    /** A table over existing slot buffers (mapped from a file): {@link #chunkCount} buffers of whole slots. */
    static ProbingTable over(ByteBuffer[] chunks, int capacity, boolean hasBackoff, int size) {
        return new ProbingTable(chunks, capacity, hasBackoff, size);
    }

    /** The capacity for {@code expected} entries: 1.5 times, at least 4. */
    static int capacityFor(long expected) {
        long want = Math.max(4, expected + expected / 2 + 1);
        if (want > MAX_CAPACITY) {
            throw new IllegalArgumentException("more than " + (MAX_CAPACITY / 3 * 2) + " n-grams of one order");
        }
        return (int) want;
    }

    static int chunkCount(int capacity) {
        return (int) ((capacity + (long) CHUNK_SLOTS - 1) >>> CHUNK_SLOT_BITS);
    }

    static int slotBytes(boolean hasBackoff) {
        return hasBackoff ? 16 : 12;
    }

    int size() {
        return size;
    }

    int capacity() {
        return capacity;
    }

    boolean hasBackoff() {
        return hasBackoff;
    }

    /** Buffer {@code c} of the slots, whole (for writing them out). */
    ByteBuffer chunk(int c) {
        return chunks[c].duplicate().clear();
    }

    int chunkCount() {
        return chunks.length;
    }

    private ByteBuffer chunkOf(int slot) {
        return chunks[slot >>> CHUNK_SLOT_BITS];
    }

    private int offsetOf(int slot) {
        return (slot & (CHUNK_SLOTS - 1)) * slotBytes;
    }

    private int home(long key) {
        return (int) (((key >>> 32) * capacity) >>> 32);
    }

    /** Adds or replaces the entry of {@code key} (heap tables only). */
    void put(long key, float log10Prob, float log10Backoff) {
        int i = home(key);
        for (int step = 0; step < capacity; step++) {
            long k = key(i);
            if (k == 0 || k == key) {
                ByteBuffer c = chunkOf(i);
                int at = offsetOf(i);
                c.putLong(at, key);
                c.putFloat(at + 8, log10Prob + 0f);
                if (hasBackoff) {
                    c.putFloat(at + 12, log10Backoff);
                }
                if (k == 0) {
                    size++;
                }
                return;
            }
            i = i + 1 == capacity ? 0 : i + 1;
        }
        throw new IllegalStateException("probing table full");
    }

    /**
     * This table at the capacity its entries need (a table may have grown for blanks), or itself
     * when it is that already.
     */
    ProbingTable compacted() {
        if (capacity <= capacityFor(size)) {
            return this;
        }
        return rehashed(size);
    }

    /**
     * This table, or a copy with room for twice its entries when {@code more} would fill it
     * beyond nine tenths: the blanks of a pruned model, or a compressed file's n-grams, can
     * outnumber what the table was made for.
     */
    ProbingTable roomFor(long more) {
        if (size + more <= capacity - capacity / 10) {
            return this;
        }
        return rehashed(Math.max(2L * size, size + more));
    }

    private ProbingTable rehashed(long expected) {
        ProbingTable t = allocate(expected, hasBackoff);
        for (int i = 0; i < capacity; i++) {
            long k = key(i);
            if (k != 0) {
                t.put(k, prob(i), backoff(i));
            }
        }
        return t;
    }

    /** The slot of {@code key}, or {@link #NO_SLOT}. */
    int find(long key) {
        int i = home(key);
        for (int step = 0; step < capacity; step++) {
            long k = key(i);
            if (k == key) {
                return i;
            }
            if (k == 0) {
                return NO_SLOT;
            }
            i = i + 1 == capacity ? 0 : i + 1;
        }
        return NO_SLOT;
    }

    boolean contains(long key) {
        return find(key) != NO_SLOT;
    }

    /** The key in {@code slot} (0 for an empty one). */
    long key(int slot) {
        return chunkOf(slot).getLong(offsetOf(slot));
    }

    /** log10 probability in {@code slot}. */
    float prob(int slot) {
        return chunkOf(slot).getFloat(offsetOf(slot) + 8);
    }

    /** log10 backoff in {@code slot}; 0 in a table without backoffs. */
    float backoff(int slot) {
        return hasBackoff ? chunkOf(slot).getFloat(offsetOf(slot) + 12) : 0f;
    }
}
