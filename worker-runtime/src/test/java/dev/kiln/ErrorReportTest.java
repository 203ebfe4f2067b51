package dev.kiln;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * What a user sees when code fails in a worker: the real exception classes and causes, frames
 * that point at the snippet and at the line of the evaluated source, machinery marked for
 * folding, and a trace that reads like the JDK's and the jshell tool's.
 */
class ErrorReportTest {
    private static Worker w;

    @BeforeAll
    static void start() {
        w = Worker.start(WorkerSpec.builder().name("errors").echoOutput(false).build());
    }

    @AfterAll
    static void stop() {
        w.stop();
    }

    private static RemoteException evalFailure(Worker worker, String source) {
        Throwable t = catchThrowable(() -> worker.evalFetch(source));
        assertThat(t).isInstanceOf(RemoteException.class);
        return (RemoteException) t;
    }

    @Test
    void aSnippetsExceptionNamesItsRealClassAndPointsAtTheSnippetLineAndTheSourceLine() {
        try (Worker fresh = Worker.start(WorkerSpec.builder().echoOutput(false).build())) {
            String source = "int divide(int a, int b) {\n    return a / b;\n}\ndivide(1, 0)";
            RemoteException e = evalFailure(fresh, source);

            assertThat(e.exceptionClassName()).isEqualTo("java.lang.ArithmeticException");
            assertThat(e.remoteMessage()).isEqualTo("/ by zero");
            RemoteFrame divide = e.frames().get(0);
            assertThat(divide.methodName()).isEqualTo("divide");
            assertThat(divide.snippetId())
                    .as("the first snippet the user ran, as jshell numbers it")
                    .isEqualTo("1");
            assertThat(divide.lineNumber()).as("line within the snippet").isEqualTo(2);
            assertThat(divide.sourceLine())
                    .as("line within the evaluated source")
                    .isEqualTo(2);
            RemoteFrame call = e.frames().get(1);
            assertThat(call.isSnippet()).isTrue();
            assertThat(call.methodName()).as("a snippet's statement").isEmpty();
            assertThat(call.snippetId()).isEqualTo("2");
            assertThat(call.sourceLine()).isEqualTo(4);

            assertThat(e.frames().subList(0, 2)).noneMatch(RemoteFrame::machinery);
            List<RemoteFrame> folded = e.frames().subList(2, e.frames().size());
            assertThat(folded)
                    .as("reflection, JShell's engine, Kiln and the thread under them")
                    .isNotEmpty()
                    .allMatch(RemoteFrame::machinery);
            assertThat(folded)
                    .extracting(RemoteFrame::className)
                    .anyMatch(c -> c.startsWith("jdk.internal.reflect.") || c.startsWith("java.lang.reflect."))
                    .anyMatch(c -> c.startsWith("jdk.jshell.execution."))
                    .anyMatch(c -> c.startsWith("dev.kiln.worker."));

            String expected = "java.lang.ArithmeticException: / by zero\n\tat divide (#1:2)\n\tat (#2:1)\n";
            assertThat(e.remoteStackTrace()).isEqualTo(expected);
            assertThat(e.getMessage()).isEqualTo(expected);
            StringWriter printed = new StringWriter();
            e.printStackTrace(new PrintWriter(printed));
            assertThat(printed.toString()).isEqualTo(expected);
            assertThat(e.getCause()).isNull();
        }
    }

    @Test
    void aSnippetFromAnEarlierEvaluationHasItsSnippetLineButNoSourceLine() {
        w.evalWait("int half(int a) {\n    return a / 0;\n}");
        RemoteException e = evalFailure(w, "int x = 1;\n\n  half(x)");
        RemoteFrame half = e.frames().get(0);
        assertThat(half.methodName()).isEqualTo("half");
        assertThat(half.lineNumber()).isEqualTo(2);
        assertThat(half.sourceLine()).as("not part of this evaluation").isZero();
        assertThat(e.frames().get(1).sourceLine()).isEqualTo(3);
        assertThat(e.remoteStackTrace())
                .matches("java\\.lang\\.ArithmeticException: / by zero\n\tat half \\(#\\d+:2\\)\n\tat \\(#\\d+:1\\)\n");
    }

    @Test
    void jdkFramesReadAsTheJdkPrintsThem() {
        RemoteException e = evalFailure(w, "String digits = \"x1\";\nInteger.parseInt(digits)");
        assertThat(e.exceptionClassName()).isEqualTo("java.lang.NumberFormatException");
        assertThat(e.remoteStackTrace())
                .startsWith("java.lang.NumberFormatException: For input string: \"x1\"\n")
                .containsPattern("\tat java\\.lang\\.Integer\\.parseInt\\(Integer\\.java:\\d+\\)\n")
                .containsPattern("\tat \\(#\\d+:1\\)\n$");
        RemoteFrame parse = e.frames().stream()
                .filter(f -> f.methodName().equals("parseInt"))
                .findFirst()
                .orElseThrow();
        assertThat(parse.machinery()).isFalse();
        assertThat(parse.isSnippet()).isFalse();
        assertThat(parse.sourceLine()).isZero();
    }

    @Test
    void theCauseChainOfASnippetKeepsEveryRealClass() {
        RemoteException e = evalFailure(
                w,
                "void boom() {\n    throw new RuntimeException(\"outer\", new NumberFormatException(\"inner\"));\n}\nboom()");
        assertThat(e.exceptionClassName()).isEqualTo("java.lang.RuntimeException");
        assertThat(e.remoteMessage()).isEqualTo("outer");
        RemoteException cause = e.getCause();
        assertThat(cause).isNotNull();
        assertThat(cause.exceptionClassName()).isEqualTo("java.lang.NumberFormatException");
        assertThat(cause.remoteMessage()).isEqualTo("inner");
        assertThat(cause.frames().get(0).methodName()).isEqualTo("boom");
        assertThat(cause.frames().get(0).sourceLine()).isEqualTo(2);
        assertThat(cause.getCause()).isNull();
        assertThat(e.remoteStackTrace())
                .matches("java\\.lang\\.RuntimeException: outer\n"
                        + "\tat boom \\(#\\d+:2\\)\n"
                        + "\tat \\(#\\d+:1\\)\n"
                        + "Caused by: java\\.lang\\.NumberFormatException: inner\n"
                        + "\t\\.\\.\\. 2 more\n")
                .doesNotContain("UserException");
    }

    @Test
    void theCauseChainOfACallKeepsEveryRealClass() {
        Throwable t = catchThrowable(() -> w.callFetch((RemoteCallable<Object>) () -> {
            throw new IllegalStateException("outer", new NumberFormatException("inner"));
        }));
        assertThat(t).isInstanceOf(RemoteException.class);
        RemoteException e = (RemoteException) t;
        assertThat(e.exceptionClassName()).isEqualTo("java.lang.IllegalStateException");
        assertThat(e.getCause().exceptionClassName()).isEqualTo("java.lang.NumberFormatException");
        assertThat(e.getCause().remoteMessage()).isEqualTo("inner");
        RemoteFrame lambda = e.frames().get(0);
        assertThat(lambda.className()).isEqualTo(ErrorReportTest.class.getName());
        assertThat(lambda.machinery()).isFalse();
        assertThat(e.frames().subList(1, e.frames().size()))
                .as("Kiln's call machinery and the pool thread under it")
                .isNotEmpty()
                .allMatch(RemoteFrame::machinery);
        assertThat(e.remoteStackTrace())
                .startsWith("java.lang.IllegalStateException: outer\n\tat dev.kiln.ErrorReportTest.lambda$")
                .contains("Caused by: java.lang.NumberFormatException: inner\n")
                .doesNotContain("dev.kiln.worker");
    }

    @Test
    void compileErrorsKeepTheirPositionsInTheEvaluatedSource() {
        String source = "int fine = 1;\n\n\n  String s = 5;";
        Throwable t = catchThrowable(() -> w.evalFetch(source));
        assertThat(t).isInstanceOf(CompilationException.class);
        CompilationException.Diagnostic d =
                ((CompilationException) t).diagnostics().get(0);
        assertThat(d.line()).isEqualTo(4);
        assertThat(d.startOffset()).isEqualTo(source.indexOf("5"));
        assertThat(d.column()).isEqualTo(14);
    }
}
