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
 * The reading every CSV results format shares: a header row that names the columns a format needs, then one row at a
 * time (jackson-dataformat-csv, quoted fields as the tools write them), never the whole file in memory.
 */
final class CsvSamples {
    private static final CsvMapper CSV = CsvMapper.builder().enable(CsvReadFeature.WRAP_AS_ARRAY).build();

    /** One format's rows: which are requests, and the sample of one (null when it does not parse). */
    interface Format {
        /** The format's name, for messages. */
        String name();

        /** The columns it needs, by header name, in the order {@code column} gives their indexes. */
        List<String> requiredColumns();

        /** Whether the row records a request at all (k6 writes a row per metric); a row that does not is skipped. */
        boolean isRequest(String[] row, int[] column);

        /** The request's sample, or null when the row does not parse (it is then counted as malformed). */
        @Nullable Sample sample(String[] row, int[] column);
    }

    private CsvSamples() {
    }

    static ReadReport read(Reader csv, Format format, Samples into) throws ResultsFileException {
        long samples = 0;
        long malformed = 0;
        try (MappingIterator<String[]> rows = CSV.readerFor(String[].class).readValues(csv)) {
            if (!rows.hasNext()) {
                throw new ResultsFileException("empty: no header row");
            }
            List<String> header = Arrays.asList(rows.next());
            List<String> required = format.requiredColumns();
            int[] column = required.stream().mapToInt(header::indexOf).toArray();
            for (int i = 0; i < column.length; i++) {
                if (column[i] < 0) {
                    throw new ResultsFileException("not " + format.name() + ": no column '" + required.get(i) + "' in its header");
                }
            }
            int needed = Arrays.stream(column).max().orElseThrow() + 1;
            while (rows.hasNext()) {
                String[] row = rows.next();
                if (row.length < needed) {
                    malformed++;
                    continue;
                }
                if (!format.isRequest(row, column)) {
                    continue;
                }
                Sample sample = format.sample(row, column);
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
        return new ReadReport(samples, malformed);
    }
}
