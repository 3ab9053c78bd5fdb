package io.atq.results;

import java.io.Reader;
import java.util.List;

/**
 * Reads the ATQ samples CSV, the format for any tool ATQ has no reader for: write it and the director merges it with
 * every JTL and k6 file of the task. One header row, then one row per request:
 * <pre>
 * timestamp,elapsed_ms,label,success
 * 1796601600000,12.5,home,true
 * 1796601600004,250,"checkout, step 2",false
 * </pre>
 * <ul>
 *   <li>{@code timestamp}: when the request started, epoch milliseconds (a whole number);</li>
 *   <li>{@code elapsed_ms}: how long it took, milliseconds, fractional allowed (kept to the microsecond);</li>
 *   <li>{@code label}: the request's name; quoted as CSV quotes (RFC 4180) when it holds a comma, quote or line break;</li>
 *   <li>{@code success}: {@code true} or {@code false}, whether the request succeeded.</li>
 * </ul>
 * Columns are found by the header's names: their order is free and other columns are ignored. The file is UTF-8, named
 * {@code *.csv} (or {@code *.jtl}). A row that does not parse, or whose values are out of {@link Sample}'s range, is
 * counted as malformed and skipped; a row longer than 1 MiB makes the file unreadable.
 */
public final class AtqCsvReader {
    static final CsvSamples.Format FORMAT = new CsvSamples.RequestRows("atq-csv", "an ATQ samples CSV",
            List.of("timestamp", "elapsed_ms", "label", "success"), false);

    private AtqCsvReader() {
    }

    /**
     * Adds every sample of the ATQ samples CSV {@code csv} to {@code into}.
     *
     * @throws ResultsFileException without a header naming the required columns, when the text is not CSV at all, or
     *                              has a row longer than 1 MiB
     */
    public static ReadReport read(Reader csv, Samples into) throws ResultsFileException {
        return CsvSamples.read(csv, FORMAT, into);
    }
}
