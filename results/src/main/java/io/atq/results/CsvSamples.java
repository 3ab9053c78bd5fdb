package io.atq.results;

import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.core.exc.JacksonIOException;
import tools.jackson.databind.MappingIterator;
import tools.jackson.dataformat.csv.CsvMapper;
import tools.jackson.dataformat.csv.CsvReadFeature;

import java.io.Reader;
import java.util.Arrays;
import java.util.List;

/**
 * The reading every CSV results format shares: a header row that names the columns a format needs, then one row at a
 * time (jackson-dataformat-csv, quoted fields as the tools write them), never the whole file in memory, and no row
 * longer than {@link #MAX_LINE_CHARS}.
 */
final class CsvSamples {
    /**
     * The longest row read, in characters: 1 MiB. A results row is a few hundred; a longer one means the file is no
     * results file, and reading it on would only buffer it.
     */
    static final int MAX_LINE_CHARS = 1 << 20;
    private static final CsvMapper CSV = CsvMapper.builder().enable(CsvReadFeature.WRAP_AS_ARRAY).build();
    private static final char BYTE_ORDER_MARK = '\uFEFF';

    /** One format's rows: which are requests, and the sample of one (null when it does not parse). */
    interface Format {
        /** Its short name in summaries: {@code jtl-csv}. */
        String id();

        /** The format's name, for messages. */
        String name();

        /** The columns a header must have to be taken for this format (a file missing others is then unreadable). */
        default List<String> identifyingColumns() {
            return requiredColumns();
        }

        /** The columns it needs, by header name, in the order {@code column} gives their indexes. */
        List<String> requiredColumns();

        /** Whether the row records a request at all (k6 writes a row per metric); a row that does not is skipped. */
        boolean isRequest(String[] row, int[] column);

        /** The request's sample, or null when the row does not parse (it is then counted as malformed). */
        @Nullable Sample sample(String[] row, int[] column);
    }

    /**
     * A format with one request per row (JMeter's JTL, the ATQ samples form): {@code columns} name, in this order,
     * the start in epoch milliseconds, the elapsed milliseconds (whole ones only when {@code wholeMillis}), the label
     * and the success ({@code true}/{@code false}).
     */
    record RequestRows(String id, String name, List<String> requiredColumns, boolean wholeMillis) implements Format {
        @Override
        public boolean isRequest(String[] row, int[] column) {
            return true;
        }

        @Override
        public @Nullable Sample sample(String[] row, int[] column) {
            try {
                long timestamp = Long.parseLong(row[column[0]].strip());
                String elapsed = row[column[1]].strip();
                double elapsedMillis = wholeMillis ? Long.parseLong(elapsed) : Double.parseDouble(elapsed);
                return Sample.parsed(timestamp, elapsedMillis, row[column[2]], row[column[3]].strip());
            } catch (NumberFormatException e) {
                return null;
            }
        }
    }

    private CsvSamples() {
    }

    /** The first row's cells, to tell the format by: only that row is read. */
    static List<String> header(Reader csv) throws ResultsFileException {
        try (MappingIterator<String[]> rows = rows(csv)) {
            return header(rows);
        } catch (JacksonException e) {
            throw problem(e, 0);
        }
    }

    static ReadReport read(Reader csv, Format format, Samples into) throws ResultsFileException {
        long samples = 0;
        long malformed = 0;
        try (MappingIterator<String[]> rows = rows(csv)) {
            List<String> header = header(rows);
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
            throw problem(e, samples);
        }
        return new ReadReport(samples, malformed);
    }

    private static MappingIterator<String[]> rows(Reader csv) {
        return CSV.readerFor(String[].class).readValues(new BoundedRecordReader(csv, MAX_LINE_CHARS));
    }

    private static List<String> header(MappingIterator<String[]> rows) throws ResultsFileException {
        if (!rows.hasNext()) {
            throw new ResultsFileException("empty: no header row");
        }
        String[] header = rows.next();
        if (header.length > 0 && !header[0].isEmpty() && header[0].charAt(0) == BYTE_ORDER_MARK) {
            header[0] = header[0].substring(1);
        }
        return Arrays.asList(header);
    }

    /** What stopped the reading: a row too long, the file's I/O, or text that is no CSV. */
    private static ResultsFileException problem(JacksonException e, long samples) {
        String after = samples == 0 ? "" : " after " + samples + " samples";
        if (e.getCause() instanceof BoundedRecordReader.RecordTooLongException tooLong) {
            return new ResultsFileException(tooLong.getMessage() + " (1 MiB)" + after + ": not a results file", e);
        }
        if (e instanceof JacksonIOException) {
            return new ResultsFileException("could not be read" + after + ": " + e.getOriginalMessage(), e);
        }
        return new ResultsFileException("not readable as CSV" + after + ": " + e.getOriginalMessage(), e);
    }
}
