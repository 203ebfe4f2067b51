package dev.kiln.worker;

import dev.kiln.wire.Message;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * The worker's {@code System.in}: text the host sends ({@link Message.Input}), read in the
 * order it came. A read that finds nothing buffered tells the host that the worker waits for
 * input ({@link Message.InputRequest}, with the partial line last printed on stdout as its
 * prompt, and that output sent first), then blocks until input comes, the host ends the
 * stream, or the reading thread is interrupted (an interrupt of the worker does that to the
 * snippet or call that reads): the read then throws {@link InterruptedIOException} and the
 * thread stays interrupted. When no read waits any more the host hears so
 * ({@link Message.InputWaitOver}).
 *
 * <p>The end of the stream ({@link Message.InputEnd}) comes after the input sent before it;
 * reads then return -1 until more input comes, which is read as a new stream (as after
 * Ctrl+D on a terminal). Closing the stream
 * does nothing: a snippet that closes its {@code Scanner} must not end the input of the ones
 * after it. The worker's real stdin stays Kiln's (the invitation, and the end of stream that
 * says the host died).
 */
final class StdinRelay extends InputStream {
    private static final Object END = new Object();

    private final Consumer<Message> host;
    private final OutputCapture output;
    /** Guards the queue and the count of waiting reads. */
    private final Object lock = new Object();
    /** Held while a change in the count of waiting reads is told to the host: the messages go in order. */
    private final Object announcing = new Object();
    /** Input not read yet: byte arrays and END marks, in arrival order. */
    private final ArrayDeque<Object> queue = new ArrayDeque<>();

    private int headRead;
    /** A read has returned -1 for the END at the head of the queue: input that comes now follows it. */
    private boolean endSeen;

    private int waiting;

    StdinRelay(Consumer<Message> host, OutputCapture output) {
        this.host = host;
        this.output = output;
    }

    /** Input from the host (on the control thread). */
    void offer(String text) {
        if (text == null || text.isEmpty()) {
            return;
        }
        synchronized (lock) {
            if (endSeen) {
                queue.poll(); // the end was read: new input is a new stream, not one that ends at once
                endSeen = false;
            }
            queue.add(text.getBytes(StandardCharsets.UTF_8));
            lock.notifyAll();
        }
    }

    /** The host ended the stream (on the control thread). */
    void end() {
        synchronized (lock) {
            if (!endSeen) { // else the stream has ended already, and stays so
                queue.add(END);
                lock.notifyAll();
            }
        }
    }

    @Override
    public int read() throws InterruptedIOException {
        byte[] one = new byte[1];
        return read(one, 0, 1) < 0 ? -1 : one[0] & 0xFF;
    }

    @Override
    public int read(byte[] b, int off, int len) throws InterruptedIOException {
        Objects.checkFromIndexSize(off, len, b.length);
        if (len == 0) {
            return 0;
        }
        boolean counted = false;
        try {
            while (true) {
                synchronized (lock) {
                    int n = take(b, off, len);
                    if (n != 0) {
                        return n;
                    }
                    if (counted) {
                        lock.wait();
                        continue;
                    }
                }
                counted = true;
                announce(+1);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            InterruptedIOException x = new InterruptedIOException("interrupted while waiting for input on System.in");
            x.initCause(e);
            throw x;
        } finally {
            if (counted) {
                announce(-1);
            }
        }
    }

    /** Buffered bytes, up to the next end of stream. */
    @Override
    public int available() {
        synchronized (lock) {
            long n = -headRead;
            for (Object o : queue) {
                if (o == END) {
                    break;
                }
                n += ((byte[]) o).length;
            }
            return (int) Math.min(Integer.MAX_VALUE, Math.max(0, n));
        }
    }

    /** Does nothing: the stream belongs to the worker, not to the code that reads it. */
    @Override
    public void close() {}

    /** Up to {@code len} buffered bytes into {@code b}; -1 at an end of stream; 0 when nothing is buffered. */
    private int take(byte[] b, int off, int len) {
        int n = 0;
        while (n < len && !queue.isEmpty()) {
            Object head = queue.peek();
            if (head == END) {
                if (n > 0) {
                    return n;
                }
                if (queue.size() > 1) {
                    queue.poll(); // more input follows: this end is seen once
                } else {
                    endSeen = true;
                }
                return -1;
            }
            byte[] bytes = (byte[]) head;
            int k = Math.min(len - n, bytes.length - headRead);
            System.arraycopy(bytes, headRead, b, off + n, k);
            n += k;
            headRead += k;
            if (headRead == bytes.length) {
                queue.poll();
                headRead = 0;
            }
        }
        return n;
    }

    /** One more ({@code +1}) or one less ({@code -1}) waiting read; the first and the last are told to the host. */
    private void announce(int change) {
        synchronized (announcing) {
            int now;
            synchronized (lock) {
                waiting += change;
                now = waiting;
            }
            if (change > 0 && now == 1) {
                output.flushAll(); // the prompt, and what came before it, reach the host first
                host.accept(new Message.InputRequest(output.takePrompt()));
            } else if (change < 0 && now == 0) {
                host.accept(new Message.InputWaitOver());
            }
        }
    }
}
