package io.atq.director.support;

import java.util.ArrayList;
import java.util.List;

/** One ordered record of what fakes saw, to assert "this happened before that" across fakes. */
public final class Journal {
    private final List<String> entries = new ArrayList<>();

    public synchronized void add(String entry) {
        entries.add(entry);
    }

    public synchronized List<String> entries() {
        return List.copyOf(entries);
    }

    /** Entries starting with one of the prefixes, in order. */
    public synchronized List<String> matching(String... prefixes) {
        return entries.stream().filter(e -> java.util.Arrays.stream(prefixes).anyMatch(e::startsWith)).toList();
    }

    /** Entries from the first one equal to {@code first} on, starting with one of the prefixes. */
    public synchronized List<String> from(String first, String... prefixes) {
        int at = entries.indexOf(first);
        if (at < 0) {
            throw new AssertionError("no '" + first + "' in " + entries);
        }
        return entries.subList(at, entries.size()).stream()
                .filter(e -> e.equals(first) || java.util.Arrays.stream(prefixes).anyMatch(e::startsWith)).toList();
    }
}
