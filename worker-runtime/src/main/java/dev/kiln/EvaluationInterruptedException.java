package dev.kiln;

/** The evaluation or call was stopped by {@link Worker#interrupt()}; the worker lives on. */
public class EvaluationInterruptedException extends KilnException {
    public EvaluationInterruptedException(String message) {
        super(message);
    }
}
