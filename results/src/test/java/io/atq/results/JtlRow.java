package io.atq.results;

import tools.jackson.databind.MappingIterator;
import tools.jackson.dataformat.csv.CsvMapper;
import tools.jackson.dataformat.csv.CsvSchema;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * One row of a JTL read plainly, columns by their header names: the exact side the merged figures are checked
 * against, apart from {@link JtlCsvReader} and its histograms.
 *
 * @param label         the sampler's label
 * @param elapsedMillis its elapsed time, whole milliseconds as JMeter writes it
 * @param responseCode  the HTTP status
 * @param threadName    the JMeter thread that sent it ("{thread group} {group number}-{thread number}")
 * @param success       JMeter's verdict
 */
record JtlRow(String label, long elapsedMillis, String responseCode, String threadName, boolean success) {
    private static final CsvMapper CSV = new CsvMapper();

    /** The column names of the header row. */
    static List<String> header(Path jtl) throws IOException {
        try (BufferedReader in = Files.newBufferedReader(jtl)) {
            return Arrays.asList(in.readLine().split(","));
        }
    }

    /** Every row after the header. */
    static List<JtlRow> readAll(Path jtl) {
        List<JtlRow> rows = new ArrayList<>();
        try (MappingIterator<Map<String, String>> it = CSV.readerForMapOf(String.class)
                .with(CsvSchema.emptySchema().withHeader()).readValues(jtl)) {
            while (it.hasNext()) {
                Map<String, String> row = it.next();
                rows.add(new JtlRow(row.get("label"), Long.parseLong(row.get("elapsed")), row.get("responseCode"),
                        row.get("threadName"), Boolean.parseBoolean(row.get("success"))));
            }
        }
        return rows;
    }
}
