package dev.kiln;

import java.time.Instant;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;

/**
 * Code in a worker reads its {@code System.in} and nothing typed ahead is left: the worker
 * waits for {@link Worker#sendInput(String)} or {@link Worker#closeInput()}.
 *
 * <pre>{@code
 * w.onInputRequest(request -> {
 *     showInputField(request.prompt());                     // "Name: ", what the code printed before reading
 *     request.ended().thenRun(() -> hideInputField());      // input came, or the read was interrupted
 * });
 * w.eval("var in = new Scanner(System.in); System.out.print(\"Name: \"); \"Hello, \" + in.nextLine()");
 * // ... when the user has typed a line:
 * w.sendInput("Ada\n");                                      // the value is "Hello, Ada"
 * }</pre>
 *
 * <p>{@link Worker#sendInput(String)} sends text as typed ({@code "\n"} ends a line); what is sent
 * ahead, even before the worker is ready, is kept in order until read. {@link Worker#closeInput()}
 * ends the input: once what was sent before is read, reads return -1 ({@code Scanner.hasNextLine()}
 * is false) until more is sent. Both throw {@link WorkerTerminatedException} once the worker has
 * exited. {@link Worker#onInputRequest} hands each request over on the connection's thread; an
 * {@link Worker#interrupt()} ends a read that waits, like any blocked code.
 */
public final class InputRequest {
    private final String prompt;
    private final Instant time;
    private final CompletableFuture<Void> ended;

    InputRequest(String prompt, Instant time, CompletableFuture<Void> ended) {
        this.prompt = Objects.requireNonNull(prompt, "prompt");
        this.time = Objects.requireNonNull(time, "time");
        this.ended = Objects.requireNonNull(ended, "ended");
    }

    /**
     * The partial line the worker's code last printed on stdout before it read, e.g.
     * {@code "Name: "}; "" when it printed a whole line (or nothing) since the last request.
     */
    public String prompt() {
        return prompt;
    }

    /** When the host heard of the request. */
    public Instant time() {
        return time;
    }

    /**
     * Completes when the worker no longer waits: input came, the input was closed, the reading
     * code was interrupted, or the worker exited. Never fails.
     */
    public CompletableFuture<Void> ended() {
        return ended.copy();
    }

    /** Whether the worker still waits on this request. */
    public boolean isPending() {
        return !ended.isDone();
    }

    @Override
    public String toString() {
        return "InputRequest[prompt=\"" + prompt + "\", " + (isPending() ? "pending" : "ended") + "]";
    }
}
