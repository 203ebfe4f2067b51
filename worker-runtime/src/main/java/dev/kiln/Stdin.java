package dev.kiln;

import dev.kiln.host.InputRequests;
import dev.kiln.host.WorkerLink;
import dev.kiln.wire.Message;
import java.util.Optional;
import java.util.function.Consumer;

/** A worker's {@code System.in} as the host feeds it: input sent in order, requests for more. */
final class Stdin {
    /** Longest text sent in one message; longer input goes in several, in order. */
    static final int PIECE = 1 << 20;

    private final WorkerLink link;

    Stdin(WorkerLink link) {
        this.link = link;
    }

    void send(String text) {
        if (text == null) {
            throw new IllegalArgumentException(
                    "sendInput(null): pass the text to send, with \"\\n\" at the end of each line (\"Ada\\n\")");
        }
        for (int from = 0; from < text.length(); ) {
            int to = Math.min(text.length(), from + PIECE);
            if (to < text.length() && Character.isHighSurrogate(text.charAt(to - 1))) {
                to--; // keep a surrogate pair in one piece: each piece is encoded on its own
            }
            link.sendInput(new Message.Input(text.substring(from, to)));
            from = to;
        }
    }

    void close() {
        link.sendInput(new Message.InputEnd());
    }

    Subscription onRequest(Consumer<InputRequest> listener) {
        return link.input().subscribe(w -> listener.accept(request(w)))::run;
    }

    Optional<InputRequest> pending() {
        return link.input().current().map(Stdin::request);
    }

    private static InputRequest request(InputRequests.Waiting w) {
        return new InputRequest(w.prompt(), w.since(), w.over());
    }
}
