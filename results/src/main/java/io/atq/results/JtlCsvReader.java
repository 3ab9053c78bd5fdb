package io.atq.results;

import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.MappingIterator;
import tools.jackson.dataformat.csv.CsvMapper;
import tools.jackson.dataformat.csv.CsvReadFeature;

import java.io.Reader;
import java.util.Arrays;
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
    private static final CsvMapper CSV = CsvMapper.builder().enable(CsvReadFeature.WRAP_AS_ARRAY).build();
    private static final List<String> REQUIRED = List.of("timeStamp", "elapsed", "label", "success");

    private JtlCsvReader() {
    }

    /** What a read found. */
    public record Report(long samples, long malformedRows) {
    }

    /**
     * Adds every sample of the JTL {@code csv} to {@code into}.
     *
     * @throws ResultsFileException without a header naming the required columns, or when the text is not CSV at all
     */
    public static Report read(Reader csv, Samples into) throws ResultsFileException {
        long samples = 0;
        long malformed = 0;
        try (MappingIterator<String[]> rows = CSV.readerFor(String[].class).readValues(csv)) {
            if (!rows.hasNext()) {
                throw new ResultsFileException("empty: no header row");
            }
            String[] header = rows.next();
            int[] column = REQUIRED.stream().mapToInt(name -> Arrays.asList(header).indexOf(name)).toArray();
            for (int i = 0; i < column.length; i++) {
                if (column[i] < 0) {
                    throw new ResultsFileException("not a CSV JTL: no column '" + REQUIRED.get(i) + "' in its header");
                }
            }
            int needed = Arrays.stream(column).max().orElseThrow() + 1;
            while (rows.hasNext()) {
                String[] row = rows.next();
                Sample sample = row.length >= needed ? sample(row, column) : null;
                if (sample == null) {
                    malformed++;
                } else {
                    into.add(sample);
                    samples++;
                }
            }
        } catch (JacksonException e) {
            throw new ResultsFileException("not readable as CSV after " + samples + " samples: " + e.getOriginalMessage(), e);
        }
        return new Report(samples, malformed);
    }

    private static @Nullable Sample sample(String[] row, int[] column) {
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
}
