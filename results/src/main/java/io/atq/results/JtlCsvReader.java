package io.atq.results;

import java.io.Reader;
import java.util.List;

/**
 * Reads JMeter's JTL in its CSV form (the default of {@code jmeter -n -l results.jtl}: a header row
 * {@code timeStamp,elapsed,label,responseCode,responseMessage,threadName,dataType,success,…}, epoch-millisecond
 * time stamps, {@code elapsed} in milliseconds) one row at a time into {@link Samples}. Columns are found by the
 * header's names, so JMeter's {@code jmeter.save.saveservice.*} choices of extra or fewer columns do not matter as long
 * as {@code timeStamp}, {@code elapsed}, {@code label} and {@code success} are saved. A row that does not parse, or
 * whose values are out of {@link Sample}'s range, is counted as malformed and skipped; a row longer than 1 MiB makes the
 * file unreadable.
 */
public final class JtlCsvReader {
    static final CsvSamples.Format FORMAT = new CsvSamples.RequestRows("jtl-csv", "a CSV JTL",
            List.of("timeStamp", "elapsed", "label", "success"), true);

    private JtlCsvReader() {
    }

    /**
     * Adds every sample of the JTL {@code csv} to {@code into}.
     *
     * @throws ResultsFileException without a header naming the required columns, when the text is not CSV at all, or
     *                              has a row longer than 1 MiB
     */
    public static ReadReport read(Reader csv, Samples into) throws ResultsFileException {
        return CsvSamples.read(csv, FORMAT, into);
    }
}
