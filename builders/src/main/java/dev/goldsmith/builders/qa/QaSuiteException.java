package dev.goldsmith.builders.qa;

import java.util.List;

/** Thrown when a QA suite file cannot be read or breaks a rule; carries every problem found, not only the first. */
public class QaSuiteException extends Exception {

    private static final long serialVersionUID = 1L;

    private final List<QaSuiteProblem> problems;

    public QaSuiteException(List<QaSuiteProblem> problems) {
        super(message(problems));
        this.problems = List.copyOf(problems);
    }

    /** Returns the problems, in the order the reader met them. */
    public List<QaSuiteProblem> problems() {
        return problems;
    }

    private static String message(List<QaSuiteProblem> problems) {
        StringBuilder text = new StringBuilder();
        text.append(problems.size()).append(problems.size() == 1 ? " problem" : " problems").append(" in QA suite");
        for (QaSuiteProblem problem : problems) {
            text.append("\n  ").append(problem);
        }
        return text.toString();
    }
}
