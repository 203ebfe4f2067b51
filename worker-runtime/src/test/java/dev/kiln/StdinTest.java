package dev.kiln;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.nio.file.Path;
import java.util.List;
import java.util.Scanner;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Code in a worker reads System.in: it asks the host, gets what the host sends, in order. */
class StdinTest {
    private static Worker w;

    @BeforeAll
    static void start() {
        w = Worker.start(WorkerSpec.builder().name("stdin").echoOutput(false).build());
    }

    @AfterAll
    static void stop() {
        w.stop();
    }

    /** Completes with the next input request of {@code worker}. */
    private static CompletableFuture<InputRequest> nextRequest(Worker worker) {
        CompletableFuture<InputRequest> next = new CompletableFuture<>();
        Subscription s = worker.onInputRequest(next::complete);
        next.whenComplete((r, e) -> s.close());
        return next;
    }

    @Test
    void aSnippetReadingTwoLinesAsksWithItsPromptAndGetsBoth() throws Exception {
        CompletableFuture<InputRequest> asked = nextRequest(w);
        CompletableFuture<Object> read = w.eval("var sc = new Scanner(System.in);\n"
                + "System.out.print(\"Name: \");\n"
                + "String given = sc.nextLine();\n"
                + "String family = sc.nextLine();\n"
                + "given + \"/\" + family");
        InputRequest request = asked.get(30, TimeUnit.SECONDS);
        assertThat(request.prompt()).isEqualTo("Name: ");
        assertThat(request.isPending()).isTrue();
        assertThat(w.inputRequest()).isPresent();
        assertThat(read).isNotDone();

        w.sendInput("Ada\n");
        w.sendInput("Lovelace\n");

        assertThat(read.get(30, TimeUnit.SECONDS)).isEqualTo("Ada/Lovelace");
        request.ended().get(30, TimeUnit.SECONDS);
        assertThat(w.inputRequest())
                .as("nothing waits once the snippet is done")
                .isEmpty();
    }

    @Test
    void closingTheInputEndsTheStreamAndLaterInputIsANewOne() throws Exception {
        CompletableFuture<InputRequest> asked = nextRequest(w);
        CompletableFuture<Object> hasLine = w.eval("new Scanner(System.in).hasNextLine()");
        asked.get(30, TimeUnit.SECONDS);
        w.closeInput();
        assertThat(hasLine.get(30, TimeUnit.SECONDS)).isEqualTo(false);
        assertThat(w.evalFetch("System.in.read()")).as("still at its end").isEqualTo(-1);

        w.sendInput("after\n");
        assertThat(w.evalFetch("new Scanner(System.in).nextLine()")).isEqualTo("after");
    }

    /** On the host's JDK, and on a JDK 25+ (whose engine writes its own stop checks) where one is installed. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.kiln.InterruptTest#jdks")
    void anInterruptEndsABlockedReadOfASnippetOrACallAndTheWorkerGoesOn(String jdk, Path javaHome) throws Exception {
        try (Worker w = InterruptTest.startOn(javaHome)) {
            interruptEndsBlockedReads(w);
        }
    }

    private static void interruptEndsBlockedReads(Worker w) throws Exception {
        CompletableFuture<InputRequest> asked = nextRequest(w);
        CompletableFuture<Object> snippet = w.eval("new Scanner(System.in).nextLine()");
        InputRequest request = asked.get(30, TimeUnit.SECONDS);
        w.interrupt();
        assertThat(catchThrowable(() -> snippet.get(30, TimeUnit.SECONDS)))
                .isInstanceOf(ExecutionException.class)
                .hasCauseInstanceOf(EvaluationInterruptedException.class);
        request.ended().get(30, TimeUnit.SECONDS);
        assertThat(w.evalFetch("1 + 1")).isEqualTo(2);

        CompletableFuture<InputRequest> askedByCall = nextRequest(w);
        CompletableFuture<String> call = w.call(() -> new Scanner(System.in).nextLine());
        askedByCall.get(30, TimeUnit.SECONDS);
        w.interrupt();
        assertThat(catchThrowable(() -> call.get(30, TimeUnit.SECONDS)))
                .isInstanceOf(ExecutionException.class)
                .hasCauseInstanceOf(EvaluationInterruptedException.class);
        assertThat(w.inputRequest()).isEmpty();

        w.sendInput("still read\n");
        assertThat(w.evalFetch("new Scanner(System.in).nextLine()"))
                .as("input after an interrupted read goes to the next reader")
                .isEqualTo("still read");
    }

    @Test
    void inputSentAheadEvenBeforeTheWorkerIsReadyIsReadInOrderWithoutARequest() {
        try (Worker fresh = Worker.launch(WorkerSpec.builder().echoOutput(false).build())) {
            fresh.sendInput("1\n");
            fresh.sendInput("2\n3");
            fresh.sendInput("\n");
            List<InputRequest> requests = new CopyOnWriteArrayList<>();
            fresh.onInputRequest(requests::add);
            assertThat(fresh.evalFetch("var s = new Scanner(System.in); s.nextLine() + s.nextLine() + s.nextLine()"))
                    .isEqualTo("123");
            assertThat(requests).isEmpty();
        }
    }

    @Test
    void sendingNothingIsAClearError() {
        assertThatThrownBy(() -> w.sendInput(null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("\\n");
    }
}
