package dev.goldsmith.catalog.blueprint;

import java.util.List;

/** Thrown when a blueprint cannot be read or breaks a rule; carries every problem found, not only the first. */
public class BlueprintException extends Exception {

    private static final long serialVersionUID = 1L;

    private final List<BlueprintProblem> problems;

    public BlueprintException(List<BlueprintProblem> problems) {
        super(message(problems));
        this.problems = List.copyOf(problems);
    }

    /** Returns the problems, in the order the reader met them. */
    public List<BlueprintProblem> problems() {
        return problems;
    }

    private static String message(List<BlueprintProblem> problems) {
        StringBuilder text = new StringBuilder();
        text.append(problems.size()).append(problems.size() == 1 ? " problem" : " problems")
                .append(" in blueprint");
        for (BlueprintProblem problem : problems) {
            text.append("\n  ").append(problem);
        }
        return text.toString();
    }
}
