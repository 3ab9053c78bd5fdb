package io.atq.results;

import org.jspecify.annotations.Nullable;

import java.io.Reader;
import java.util.List;

/**
 * Reads k6's CSV output ({@code k6 run --out csv=results.csv}: a header
 * {@code metric_name,timestamp,metric_value,check,error,error_code,expected_response,group,method,name,…}, one row per
 * metric sample, {@code timestamp} in Unix seconds) one row at a time into {@link Samples}. Only
 * {@code http_req_duration} rows are requests: {@code metric_value} is the duration in milliseconds (fractional), the
 * label is the {@code name} tag (k6 sets it to the URL unless the script names the request), and the request failed
 * when {@code expected_response} is {@code false}. Every other metric's rows are skipped; a request row that does not
 * parse, or whose values are out of {@link Sample}'s range, is counted as malformed; a row longer than 1 MiB makes the
 * file unreadable. A header with {@code metric_name}, {@code timestamp} and {@code metric_value} is k6's; without the
 * {@code expected_response} and {@code name} tags (k6's {@code systemTags} option can leave them out) it is unreadable.
 */
public final class K6CsvReader {
    static final String REQUEST_DURATION = "http_req_duration";

    static final CsvSamples.Format FORMAT = new CsvSamples.Format() {
        @Override
        public String id() {
            return "k6-csv";
        }

        @Override
        public String name() {
            return "k6 CSV output";
        }

        @Override
        public List<String> identifyingColumns() {
            return List.of("metric_name", "timestamp", "metric_value");
        }

        @Override
        public List<String> requiredColumns() {
            return List.of("metric_name", "timestamp", "metric_value", "expected_response", "name");
        }

        @Override
        public boolean isRequest(String[] row, int[] column) {
            return REQUEST_DURATION.equals(row[column[0]]);
        }

        @Override
        public @Nullable Sample sample(String[] row, int[] column) {
            try {
                long seconds = Long.parseLong(row[column[1]].strip());
                double millis = Double.parseDouble(row[column[2]].strip());
                if (seconds < 0 || seconds > Sample.MAX_TIMESTAMP_MILLIS / 1000) {
                    return null;
                }
                return Sample.parsed(seconds * 1000, millis, row[column[4]], row[column[3]].strip());
            } catch (NumberFormatException e) {
                return null;
            }
        }
    };

    private K6CsvReader() {
    }

    /**
     * Adds every request of the k6 CSV {@code csv} to {@code into}.
     *
     * @throws ResultsFileException without a header naming the required columns, when the text is not CSV at all, or
     *                              has a row longer than 1 MiB
     */
    public static ReadReport read(Reader csv, Samples into) throws ResultsFileException {
        return CsvSamples.read(csv, FORMAT, into);
    }
}
