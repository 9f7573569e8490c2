package dev.goldsmith.builders.agent;

/**
 * The agent's last line: how the whole run ended.
 *
 * @param status     0 when every step succeeded, otherwise the failed step's exit status (3: no disk found)
 * @param steps      how many steps ran
 * @param failedStep the step that failed, or null
 * @param error      why the agent could not run the steps at all, or null
 * @param seconds    how long the agent ran
 */
public record AgentDone(int status, int steps, String failedStep, String error, long seconds) {
}
