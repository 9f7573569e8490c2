package dev.goldsmith.catalog.event;

/**
 * The Kafka topics of the flow. Each record's key is the entity a consumer must see in order.
 */
public enum Topic {
    PACKAGES("goldsmith.packages", "repository id"),
    ADVISORIES("goldsmith.advisories", "advisory id"),
    REBUILDS("goldsmith.rebuilds", "image name"),
    BUILDS("goldsmith.builds", "image name"),
    QA("goldsmith.qa", "image name"),
    CATALOG("goldsmith.catalog", "image name"),
    DEAD_LETTERS("goldsmith.dead-letters", "original key");

    private final String topicName;
    private final String key;

    Topic(String topicName, String key) {
        this.topicName = topicName;
        this.key = key;
    }

    /** Returns the topic's name on the broker, such as {@code goldsmith.packages}. */
    public String topicName() {
        return topicName;
    }

    /** Returns what the record key of this topic identifies. */
    public String key() {
        return key;
    }
}
