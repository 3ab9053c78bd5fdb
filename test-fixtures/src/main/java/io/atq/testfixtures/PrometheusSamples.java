package io.atq.testfixtures;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads samples from a Prometheus text scrape ({@code /actuator/prometheus}) for metric assertions. */
public final class PrometheusSamples {
    private PrometheusSamples() {
    }

    /**
     * The sum of every sample of {@code name} whose label set contains {@code labels} (e.g.
     * {@code name="docker",state="closed"}; empty for any); fails with the whole scrape when there is none.
     */
    public static double sum(String scrape, String name, String labels) {
        Pattern sample = Pattern.compile("^" + Pattern.quote(name) + "(\\{[^}]*})? (\\S+)$", Pattern.MULTILINE);
        Matcher m = sample.matcher(scrape);
        double sum = 0;
        boolean found = false;
        while (m.find()) {
            String tags = m.group(1) == null ? "" : m.group(1);
            if (tags.contains(labels)) {
                sum += Double.parseDouble(m.group(2));
                found = true;
            }
        }
        if (!found) {
            throw new AssertionError("no sample " + name + "{" + labels + "} in\n" + scrape);
        }
        return sum;
    }
}
