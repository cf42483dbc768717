package net.homeagent.mip6.recovery;

/** A growable first-in first-out queue of ints (entry numbers), without boxing a million of them. */
final class IntFifo {

    private int[] items = new int[16];
    private int head;
    private int size;

    void add(int item) {
        if (size == items.length) {
            int[] grown = new int[items.length * 2];
            for (int i = 0; i < size; i++) {
                grown[i] = items[(head + i) % items.length];
            }
            items = grown;
            head = 0;
        }
        items[(head + size) % items.length] = item;
        size++;
    }

    boolean isEmpty() {
        return size == 0;
    }

    int peek() {
        if (size == 0) {
            throw new IllegalStateException("empty");
        }
        return items[head];
    }

    int poll() {
        int item = peek();
        head = (head + 1) % items.length;
        size--;
        return item;
    }
}
