package dev.goldsmith.feeds.advisory;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/** Counts what a parser leaves out of one document, by reason, keeping the first example of each. */
public final class OmissionTally {

    private final Map<Omission.Reason, Integer> counts = new EnumMap<>(Omission.Reason.class);
    private final Map<Omission.Reason, String> examples = new EnumMap<>(Omission.Reason.class);

    /** Counts one statement left out for {@code reason}. */
    public void add(Omission.Reason reason, String example) {
        counts.merge(reason, 1, Integer::sum);
        examples.putIfAbsent(reason, example);
    }

    /** Returns whether nothing has been left out. */
    public boolean isEmpty() {
        return counts.isEmpty();
    }

    /** Returns the omissions of the document, one per reason, in the order of {@link Omission.Reason}. */
    public List<Omission> toList(String source, String advisoryId) {
        List<Omission> list = new ArrayList<>();
        counts.forEach((reason, count) -> list.add(new Omission(source, advisoryId, reason, count,
                examples.get(reason))));
        return list;
    }
}
