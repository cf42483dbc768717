package net.homeagent.mip6.correspondent;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Random;

/**
 * A Random that hands out given octets (nonce, then Kcn, per generation) and a given first nonce
 * index, so that tests know the keys and can check tokens against values computed elsewhere.
 */
final class ScriptedRandom extends Random {

    private static final long serialVersionUID = 1L;

    private final int firstIndex;
    private final Deque<byte[]> octets;

    ScriptedRandom(int firstIndex, List<byte[]> octets) {
        this.firstIndex = firstIndex;
        this.octets = new ArrayDeque<>(octets);
    }

    @Override
    public int nextInt(int bound) {
        return firstIndex;
    }

    @Override
    public void nextBytes(byte[] bytes) {
        byte[] next = octets.removeFirst();
        if (next.length != bytes.length) {
            throw new IllegalStateException("scripted " + next.length + " octets where " + bytes.length
                    + " are asked");
        }
        System.arraycopy(next, 0, bytes, 0, bytes.length);
    }
}
