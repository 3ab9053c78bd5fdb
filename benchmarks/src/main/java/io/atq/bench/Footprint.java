package io.atq.bench;

import org.jspecify.annotations.Nullable;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where an app's resident memory goes, read with {@code jcmd}: the heap committed and used as it stands, the live heap
 * after a full collection (what the app really holds), and, when the app runs with
 * {@code -XX:NativeMemoryTracking=summary}, the JVM's own committed memory by category. The memory row's profile.
 */
final class Footprint {
    private static final Pattern HEAP = Pattern.compile("total reserved (\\d+)K, committed (\\d+)K, used (\\d+)K");
    private static final Pattern NMT_TOTAL = Pattern.compile("Total: reserved=(\\d+)KB, committed=(\\d+)KB");
    private static final Pattern NMT_CATEGORY = Pattern.compile("^-\\s+([A-Za-z ]+?) \\(reserved=\\d+KB, committed=(\\d+)KB\\)",
            Pattern.MULTILINE);

    private Footprint() {
    }

    /** The footprint of the JVM {@code pid}; a full collection runs in between, so take it after the figures it would disturb. */
    static Map<String, Object> of(long pid) {
        String jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd").toString();
        Map<String, Object> out = new LinkedHashMap<>();
        try {
            heap(Command.run(jcmd, List.of(Long.toString(pid), "GC.heap_info")), "heap", out);
            // The live objects by class, largest first: the histogram runs a full collection first, so the heap read
            // after it is the live heap.
            out.put("live_heap_top_classes", Command.run(jcmd, List.of(Long.toString(pid), "GC.class_histogram")).lines()
                    .filter(line -> line.matches("\\s*\\d+:.*")).limit(25).map(String::strip).toList());
            heap(Command.run(jcmd, List.of(Long.toString(pid), "GC.heap_info")), "heap_after_full_gc", out);
            String nmt = Command.run(jcmd, List.of(Long.toString(pid), "VM.native_memory", "summary"));
            Matcher total = NMT_TOTAL.matcher(nmt);
            if (total.find()) {
                Map<String, Double> categories = new LinkedHashMap<>();
                categories.put("total", Long.parseLong(total.group(2)) / 1024.0);
                Matcher category = NMT_CATEGORY.matcher(nmt);
                while (category.find()) {
                    double mb = Long.parseLong(category.group(2)) / 1024.0;
                    if (mb >= 1) {
                        categories.put(category.group(1).strip().toLowerCase().replace(' ', '_'), mb);
                    }
                }
                out.put("nmt_committed_mb", categories);
            }
        } catch (IllegalStateException e) {
            out.put("error", e.getMessage());
        }
        return out;
    }

    private static void heap(String heapInfo, String key, Map<String, Object> out) {
        Matcher m = HEAP.matcher(heapInfo);
        if (m.find()) {
            out.put(key + "_committed_mb", Long.parseLong(m.group(2)) / 1024.0);
            out.put(key + "_used_mb", Long.parseLong(m.group(3)) / 1024.0);
        }
    }

    /** A line for the console: RSS against committed heap, used heap and the live heap after a full collection. */
    static String describe(String name, long rssBytes, Map<String, Object> footprint) {
        return String.format("    %s: RSS %.0f MB; heap committed %s MB, used %s MB, live after full GC %s MB%s", name,
                rssBytes / 1048576.0, mb(footprint.get("heap_committed_mb")), mb(footprint.get("heap_used_mb")),
                mb(footprint.get("heap_after_full_gc_used_mb")),
                footprint.containsKey("nmt_committed_mb") ? "; JVM committed by category " + footprint.get("nmt_committed_mb") : "");
    }

    private static String mb(@Nullable Object value) {
        return value instanceof Double d ? String.format("%.0f", d) : "?";
    }
}
