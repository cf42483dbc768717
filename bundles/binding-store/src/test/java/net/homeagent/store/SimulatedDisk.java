package net.homeagent.store;

import java.io.ByteArrayInputStream;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;

/**
 * A {@link JournalDisk} in memory that can crash as a machine does: after a chosen number of
 * operations it stops (every later call throws {@link Crash}, as if the process were gone), and
 * {@link #afterCrash} gives the disk as the next boot finds it. What survives follows POSIX, no
 * more: bytes forced with {@code force}, names made durable with {@code syncDirectory}; of the bytes
 * written after the last force a random part survives, sometimes garbled (a torn write); names
 * created, renamed or deleted since the last folder sync are as they were at that sync.
 */
final class SimulatedDisk implements JournalDisk {

    /** Thrown at and after the crash; an Error so that no failure handler of the store takes it for an I/O error. */
    static final class Crash extends Error {
        private static final long serialVersionUID = 1L;

        Crash() {
            super("simulated crash", null, false, false);
        }
    }

    private static final class Node {
        byte[] data = new byte[0];
        int length;
        int durable;

        void append(ByteBuffer bytes) {
            int n = bytes.remaining();
            if (length + n > data.length) {
                data = Arrays.copyOf(data, Math.max(length + n, data.length * 2));
            }
            bytes.get(data, length, n);
            length += n;
        }
    }

    private final Random random;
    private final Map<String, Node> names = new TreeMap<>();
    private Map<String, Node> durableNames = new TreeMap<>();
    private long operationsLeft = Long.MAX_VALUE;
    private boolean crashed;
    private long operations;

    SimulatedDisk(Random random) {
        this.random = random;
    }

    /** The machine stops at the {@code n}th operation from now (0: the next one). */
    synchronized void crashAfter(long n) {
        operationsLeft = n;
    }

    synchronized boolean crashed() {
        return crashed;
    }

    synchronized long operations() {
        return operations;
    }

    /** The disk as the next boot finds it. */
    synchronized SimulatedDisk afterCrash() {
        crashed = true;
        SimulatedDisk next = new SimulatedDisk(random);
        for (Map.Entry<String, Node> entry : durableNames.entrySet()) {
            Node was = entry.getValue();
            Node kept = new Node();
            int torn = was.length > was.durable ? random.nextInt(was.length - was.durable + 1) : 0;
            kept.length = Math.min(was.durable, was.length) + torn;
            kept.data = Arrays.copyOf(was.data, Math.max(kept.length, 1));
            if (torn > 0 && random.nextInt(4) == 0) {
                kept.data[kept.length - 1 - random.nextInt(torn)] ^= (byte) (1 + random.nextInt(255));
            }
            kept.durable = kept.length;
            next.names.put(entry.getKey(), kept);
        }
        next.durableNames = new TreeMap<>(next.names);
        return next;
    }

    private void step() {
        if (crashed) {
            throw new Crash();
        }
        operations++;
        if (operationsLeft-- <= 0) {
            crashed = true;
            throw new Crash();
        }
    }

    @Override
    public synchronized List<String> list() {
        step();
        return new ArrayList<>(names.keySet());
    }

    @Override
    public synchronized AppendFile create(String name) {
        step();
        Node node = new Node();
        names.put(name, node);
        return new AppendFile() {
            @Override
            public void write(ByteBuffer bytes) {
                synchronized (SimulatedDisk.this) {
                    step();
                    node.append(bytes);
                }
            }

            @Override
            public void force() {
                synchronized (SimulatedDisk.this) {
                    step();
                    node.durable = node.length;
                }
            }

            @Override
            public void truncate(long length) {
                synchronized (SimulatedDisk.this) {
                    step();
                    node.length = (int) Math.min(node.length, length);
                    node.durable = node.length;
                }
            }

            @Override
            public void close() {
                // nothing is held open
            }
        };
    }

    @Override
    public synchronized InputStream read(String name) throws IOException {
        step();
        Node node = existing(name);
        return new ByteArrayInputStream(Arrays.copyOf(node.data, node.length));
    }

    @Override
    public synchronized long size(String name) throws IOException {
        step();
        return existing(name).length;
    }

    @Override
    public synchronized void truncate(String name, long length) throws IOException {
        step();
        Node node = existing(name);
        node.length = (int) Math.min(node.length, length);
        node.durable = node.length;
    }

    @Override
    public synchronized void rename(String from, String to) throws IOException {
        step();
        Node node = existing(from);
        names.remove(from);
        names.put(to, node);
    }

    @Override
    public synchronized void copy(String from, String to) throws IOException {
        step();
        Node copy = new Node();
        copy.append(ByteBuffer.wrap(Arrays.copyOf(existing(from).data, existing(from).length)));
        names.put(to, copy);
    }

    @Override
    public synchronized void delete(String name) {
        step();
        names.remove(name);
    }

    @Override
    public synchronized void syncDirectory() {
        step();
        durableNames = new TreeMap<>(names);
    }

    @Override
    public String describe(String name) {
        return "simulated:" + name;
    }

    private Node existing(String name) throws FileNotFoundException {
        Node node = names.get(name);
        if (node == null) {
            throw new FileNotFoundException(name);
        }
        return node;
    }
}
