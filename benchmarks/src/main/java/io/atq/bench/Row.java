package io.atq.bench;

import org.jspecify.annotations.Nullable;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One line of the table: a figure for ATQ and its raw baseline from the same run, their ratio (ATQ / baseline), the
 * issue's target and whether it was met ({@code null}: no target), and the 1-minute load average when it was measured.
 */
record Row(String figure, String atq, String baseline, @Nullable Double ratio, String target, @Nullable Boolean met, double load) {

    static String ms(double millis) {
        return millis >= 1000 ? String.format("%.2f s", millis / 1000) : String.format("%.1f ms", millis);
    }

    Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("figure", figure);
        m.put("atq", atq);
        m.put("baseline", baseline);
        m.put("ratio", ratio);
        m.put("target", target);
        m.put("met", met);
        m.put("load1", load);
        return m;
    }
}
