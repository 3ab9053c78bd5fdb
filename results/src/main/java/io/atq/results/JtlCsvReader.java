package io.atq.results;

import org.jspecify.annotations.Nullable;

import java.io.Reader;
import java.util.List;

/**
 * Reads JMeter's JTL in its CSV form (the default of {@code jmeter -n -l results.jtl}: a header row
 * {@code timeStamp,elapsed,label,responseCode,responseMessage,threadName,dataType,success,…}, epoch-millisecond
 * time stamps, {@code elapsed} in milliseconds) one row at a time into {@link Samples}. Columns are found by the
 * header's names, so JMeter's {@code jmeter.save.saveservice.*} choices of extra or fewer columns do not matter as long
 * as {@code timeStamp}, {@code elapsed}, {@code label} and {@code success} are saved. A row that does not parse is
 * counted as malformed and skipped.
 */
public final class JtlCsvReader {
    private static final CsvSamples.Format JTL = new CsvSamples.Format() {
        @Override
        public String name() {
            return "a CSV JTL";
        }

        @Override
        public List<String> requiredColumns() {
            return List.of("timeStamp", "elapsed", "label", "success");
        }

        @Override
        public boolean isRequest(String[] row, int[] column) {
            return true;
        }

        @Override
        public @Nullable Sample sample(String[] row, int[] column) {
            try {
                long timestamp = Long.parseLong(row[column[0]].strip());
                long elapsedMillis = Long.parseLong(row[column[1]].strip());
                String success = row[column[3]].strip();
                if (elapsedMillis < 0 || !(success.equals("true") || success.equals("false"))) {
                    return null;
                }
                return new Sample(timestamp, elapsedMillis * 1000, row[column[2]], success.equals("true"));
            } catch (NumberFormatException e) {
                return null;
            }
        }
    };

    private JtlCsvReader() {
    }

    /**
     * Adds every sample of the JTL {@code csv} to {@code into}.
     *
     * @throws ResultsFileException without a header naming the required columns, or when the text is not CSV at all
     */
    public static ReadReport read(Reader csv, Samples into) throws ResultsFileException {
        return CsvSamples.read(csv, JTL, into);
    }
}
