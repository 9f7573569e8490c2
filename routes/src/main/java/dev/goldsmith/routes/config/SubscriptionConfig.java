package dev.goldsmith.routes.config;

import java.net.URI;
import java.util.List;

/**
 * A team's wish to be told about changes to some images (an entry of {@code subscriptions}).
 *
 * <p>At least one of {@code webhook} and {@code topic} is set.
 *
 * @param name the subscriber's name
 * @param images the names of the configured images the subscriber follows; not empty
 * @param webhook an http or https URL notices are posted to, or null
 * @param secret the key webhook notices are signed with, or null for unsigned notices
 * @param topic a Kafka topic notices are also published to, or null
 */
public record SubscriptionConfig(String name, List<String> images, URI webhook, Secret secret, String topic) {

    public SubscriptionConfig {
        images = List.copyOf(images);
    }
}
