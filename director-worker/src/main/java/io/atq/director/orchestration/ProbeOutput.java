package io.atq.director.orchestration;

import io.atq.contracts.discovery.ProbeScript;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/** Reads the addresses the probe confirmed out of its log (see {@link ProbeScript}). Pure. */
public final class ProbeOutput {
    /** The line prefix the probe prints once every worker accepted the port. */
    public static final String MARKER = ProbeScript.DONE;
    // IPv4 or IPv6 literals only: the list goes into the master's environment verbatim.
    private static final Pattern ADDRESS = Pattern.compile("[0-9]{1,3}(\\.[0-9]{1,3}){3}|[0-9a-fA-F:]*:[0-9a-fA-F:.]+");

    private ProbeOutput() {
    }

    /**
     * The addresses from the last {@code ATQ-ADDRESSES} line (a log prefix before the marker is tolerated).
     *
     * @return empty when there is no such line or it holds anything but IP addresses
     */
    public static Optional<List<String>> addresses(String log) {
        if (log == null) {
            return Optional.empty();
        }
        String found = null;
        for (String line : log.split("\\R")) {
            int at = line.indexOf(MARKER + " ");
            if (at >= 0) {
                found = line.substring(at + MARKER.length() + 1).trim();
            }
        }
        if (found == null || found.isEmpty()) {
            return Optional.empty();
        }
        List<String> addresses = new ArrayList<>();
        for (String part : found.split(",")) {
            String address = part.trim();
            if (!ADDRESS.matcher(address).matches()) {
                return Optional.empty();
            }
            if (!addresses.contains(address)) {
                addresses.add(address);
            }
        }
        return Optional.of(List.copyOf(addresses));
    }
}
