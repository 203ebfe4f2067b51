package dev.kiln;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kiln.wire.StackFrame;
import dev.kiln.wire.Thrown;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** Exception chains as a worker may send them, honest or not, become bounded RemoteExceptions. */
class RemoteTracesTest {
    @Test
    void aHugeChainFromTheWireIsCutToWhatAnHonestWorkerSends() {
        StackFrame[] frames = new StackFrame[5_000];
        Arrays.fill(frames, new StackFrame("p.C", "m", "C.java", 1));
        frames[3] = null;
        frames[4] = new StackFrame(null, null, null, 7);
        Thrown[] chain = new Thrown[100_000];
        Arrays.fill(chain, new Thrown("p.Boom", "deep", frames));

        RemoteException e = RemoteTraces.of(chain, "p.Boom", "deep");

        int links = 0;
        for (RemoteException c = e; c != null; c = c.getCause()) {
            links++;
            assertThat(c.frames()).hasSize(Thrown.MAX_FRAMES);
        }
        assertThat(links).isEqualTo(Thrown.MAX_CHAIN);
        assertThat(e.frames().get(3).className()).isEqualTo("?");
        assertThat(e.frames().get(4).toString()).isEqualTo("?.?(Unknown Source)");
        assertThat(e.remoteStackTrace())
                .startsWith("p.Boom: deep\n\tat p.C.m(C.java:1)\n")
                .contains("Caused by: p.Boom: deep\n\t... 1024 more\n");
    }

    @Test
    void aChainWithAGapEndsAtTheGapAndAnEmptyOneStillNamesTheFailure() {
        Thrown one = new Thrown("p.A", null, new StackFrame[0]);
        RemoteException cut = RemoteTraces.of(new Thrown[] {one, null, one}, "p.A", null);
        assertThat(cut.getCause()).isNull();
        assertThat(cut.remoteStackTrace()).isEqualTo("p.A\n");

        RemoteException empty = RemoteTraces.of(null, "dev.kiln.ResultTooLargeException", "too large");
        assertThat(empty.exceptionClassName()).isEqualTo("dev.kiln.ResultTooLargeException");
        assertThat(empty.getMessage()).isEqualTo("dev.kiln.ResultTooLargeException: too large\n");
    }

    @Test
    void aRemoteExceptionSurvivesJavaSerialization() throws Exception {
        RemoteException e = RemoteTraces.of(
                new Thrown[] {
                    new Thrown("p.Outer", "o", new StackFrame[] {new StackFrame("p.C", "m", "C.java", 3)}),
                    new Thrown("p.Inner", "i", new StackFrame[0])
                },
                "p.Outer",
                "o");
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(e);
        }
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            RemoteException back = (RemoteException) in.readObject();
            assertThat(back.remoteStackTrace()).isEqualTo(e.remoteStackTrace());
            assertThat(back.frames()).isEqualTo(e.frames());
            assertThat(back.getCause().exceptionClassName()).isEqualTo("p.Inner");
        }
    }
}
