package dev.goldsmith.builders.host;

import java.util.List;

/**
 * What {@link HostCheck} found.
 *
 * @param items every item checked, in a fixed order
 */
public record HostReport(List<CheckItem> items) {

    public HostReport {
        items = List.copyOf(items);
    }

    /** Returns whether every required item is there. */
    public boolean ready() {
        return items.stream().allMatch(item -> item.ok() || !item.required());
    }

    /** Returns the items that are not there, required or not. */
    public List<CheckItem> missing() {
        return items.stream().filter(item -> !item.ok()).toList();
    }
}
