package dev.kiln.host;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kiln.RemoteCallable;
import dev.kiln.wire.Message;
import java.io.InputStream;
import java.util.ArrayList;
import org.junit.jupiter.api.Test;

/** What a host sends a worker ahead of a call, so that the worker does not have to ask for it. */
class ClassServerTest {
    /** A task of a class of its own (not a lambda). */
    static final class Named implements RemoteCallable<Integer> {
        private static final long serialVersionUID = 1L;

        @Override
        public Integer call() {
            return 7;
        }
    }

    @Test
    void aLambdaCallIsPrecededByTheClassThatMadeItOncePerWorker() throws Exception {
        RemoteCallable<Integer> task = () -> 1;
        try (ClassServer server = new ClassServer("test", m -> {})) {
            Message.ClassOffer offer = server.offerFor(task);
            assertThat(offer).isNotNull();
            assertThat(offer.name()).isEqualTo("dev/kiln/host/ClassServerTest.class");
            assertThat(offer.bytes()).isEqualTo(classFile("ClassServerTest.class"));
            assertThat(server.offerFor((RemoteCallable<Integer>) () -> 2))
                    .as("the same class, offered to the same worker again")
                    .isNull();
        }
        try (ClassServer another = new ClassServer("another", m -> {})) {
            assertThat(another.offerFor(task)).as("another worker gets it too").isNotNull();
        }
    }

    @Test
    void aTaskOfItsOwnClassIsPrecededByThatClass() throws Exception {
        try (ClassServer server = new ClassServer("test", m -> {})) {
            Message.ClassOffer offer = server.offerFor(new Named());
            assertThat(offer.name()).isEqualTo("dev/kiln/host/ClassServerTest$Named.class");
            assertThat(offer.bytes()).isEqualTo(classFile("ClassServerTest$Named.class"));
        }
    }

    @Test
    void nothingIsOfferedThatTheWorkerHasItself() {
        try (ClassServer server = new ClassServer("test", m -> {})) {
            assertThat(server.offerFor(new ArrayList<>())).as("the JDK's").isNull();
            assertThat(server.offerFor(new Message.Shutdown()))
                    .as("Kiln's runtime's")
                    .isNull();
        }
    }

    private static byte[] classFile(String name) throws Exception {
        try (InputStream in = ClassServerTest.class.getResourceAsStream(name)) {
            return in.readAllBytes();
        }
    }
}
