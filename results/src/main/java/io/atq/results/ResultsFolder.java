package io.atq.results;

import io.atq.results.CsvSamples.Format;
import org.jspecify.annotations.Nullable;

import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.channels.Channels;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * Reads every results file of a task's results folder into one {@link ResultsSummary}. The folder is written by the
 * task's containers, so nothing in it is trusted:
 * <ul>
 *   <li>the folder is walked without following symbolic links (links are skipped, so is anything but a regular file),
 *       at most {@link #MAX_DEPTH} levels deep;</li>
 *   <li>files named {@code *.jtl} or {@code *.csv} (any case) are candidates; the first {@link #MAX_FILES} by path are
 *       read, in that order, and any more are reported under the folder's own path;</li>
 *   <li>a file larger than {@link #MAX_FILE_BYTES} is not opened; a row longer than 1 MiB stops its file;</li>
 *   <li>the format is told by the header row: a CSV JTL ({@code timeStamp, elapsed, label, success}), k6 CSV output
 *       ({@code metric_name, timestamp, metric_value}) or the ATQ samples CSV ({@code timestamp, elapsed_ms, label,
 *       success}). A {@code .csv} whose header is none of them is no results file and is skipped; a {@code .jtl} is
 *       unreadable (an XML JTL, most often);</li>
 *   <li>each file is read into its own {@link Samples}, merged into the total only once the whole file was read: an
 *       unreadable file counts no sample, and never stops the others.</li>
 * </ul>
 * Text is read as UTF-8, bytes that are not UTF-8 as replacement characters. Memory: two {@link Samples} (the total
 * and the file being read) of at most {@link #MAX_LABELS} labels each, whatever the files hold.
 */
public final class ResultsFolder {
    /** Files larger than this, 1 GiB, are not read. */
    public static final long MAX_FILE_BYTES = 1L << 30;
    /** At most this many candidate files are read. */
    public static final int MAX_FILES = 512;
    /** How deep the walk goes below the results folder ({@code workers/2/...} is 2). */
    public static final int MAX_DEPTH = 6;
    /** How many labels get their own figures; the others are counted under {@link Samples#OTHER_LABELS}. */
    public static final int MAX_LABELS = 200;

    private static final List<Format> FORMATS = List.of(JtlCsvReader.FORMAT, K6CsvReader.FORMAT, AtqCsvReader.FORMAT);

    private ResultsFolder() {
    }

    /** What became of one candidate file. */
    private sealed interface FileOutcome {
        record Read(ResultsFile file, Samples samples) implements FileOutcome {
        }

        record Unreadable(UnreadableFile file) implements FileOutcome {
        }

        record Skipped(String path) implements FileOutcome {
        }
    }

    /**
     * Reads every results file under {@code resultsFolder}; never throws for what the folder holds.
     *
     * @param displayPrefix how paths read in the summary: {@code results} gives {@code results/workers/2/k6.csv}; empty
     *                      for paths relative to the folder
     * @return the summary; empty when the folder does not exist
     */
    public static ResultsSummary summarize(Path resultsFolder, String displayPrefix) {
        Samples all = new Samples(MAX_LABELS);
        List<ResultsFile> files = new ArrayList<>();
        List<UnreadableFile> unreadable = new ArrayList<>();
        List<String> skipped = new ArrayList<>();
        if (Files.isDirectory(resultsFolder, LinkOption.NOFOLLOW_LINKS)) {
            Candidates candidates = new Candidates(resultsFolder, displayPrefix);
            candidates.walk();
            unreadable.addAll(candidates.problems);
            candidates.byPath.forEach((path, file) -> {
                switch (read(file, path)) {
                    case FileOutcome.Read read -> {
                        all.add(read.samples());
                        files.add(read.file());
                    }
                    case FileOutcome.Unreadable problem -> unreadable.add(problem.file());
                    case FileOutcome.Skipped skip -> skipped.add(skip.path());
                }
            });
            if (candidates.leftOut > 0) {
                unreadable.add(new UnreadableFile(candidates.display(resultsFolder), "holds " + candidates.leftOut
                        + " more results files than the " + MAX_FILES + " read (the first by path)"));
            }
        }
        return ResultsSummary.of(all, files, unreadable, skipped);
    }

    private static FileOutcome read(Path file, String path) {
        try {
            List<String> header;
            try (SeekableByteChannel channel = open(file)) {
                if (channel.size() > MAX_FILE_BYTES) {
                    return unreadable(path, "larger than 1 GiB (" + channel.size() + " bytes)");
                }
                header = CsvSamples.header(text(channel));
            }
            boolean jtl = path.toLowerCase(Locale.ROOT).endsWith(".jtl");
            if (!header.isEmpty() && header.getFirst().strip().startsWith("<")) {
                return jtl ? unreadable(path, "an XML JTL: only CSV JTLs are read (JMeter's default, "
                        + "jmeter.save.saveservice.output_format=csv)") : new FileOutcome.Skipped(path);
            }
            Format format = formatOf(header);
            if (format == null) {
                return jtl ? unreadable(path, "its header names none of the results formats: " + FORMATS.stream()
                        .map(f -> f.name() + " (" + String.join(", ", f.identifyingColumns()) + ")")
                        .collect(Collectors.joining(", "))) : new FileOutcome.Skipped(path);
            }
            Samples samples = new Samples(MAX_LABELS);
            ReadReport report;
            try (SeekableByteChannel channel = open(file)) {
                report = CsvSamples.read(text(channel), format, samples);
            }
            return new FileOutcome.Read(new ResultsFile(path, format.id(), report.samples(), report.malformedRows()), samples);
        } catch (ResultsFileException e) {
            return unreadable(path, e.problem());
        } catch (IOException e) {
            return unreadable(path, "could not be read (" + e.getClass().getSimpleName() + ")");
        }
    }

    private static @Nullable Format formatOf(List<String> header) {
        for (Format format : FORMATS) {
            if (header.containsAll(format.identifyingColumns())) {
                return format;
            }
        }
        return null;
    }

    private static SeekableByteChannel open(Path file) throws IOException {
        return Files.newByteChannel(file, Set.of(StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS));
    }

    private static Reader text(SeekableByteChannel channel) {
        return new InputStreamReader(Channels.newInputStream(channel), StandardCharsets.UTF_8);
    }

    private static FileOutcome unreadable(String path, String problem) {
        return new FileOutcome.Unreadable(new UnreadableFile(path, problem));
    }

    /** The candidate files by display path: the first {@link #MAX_FILES} in path order, counting those left out. */
    private static final class Candidates extends SimpleFileVisitor<Path> {
        private final Path root;
        private final String displayPrefix;
        private final TreeMap<String, Path> byPath = new TreeMap<>();
        private final List<UnreadableFile> problems = new ArrayList<>();
        private int leftOut;

        Candidates(Path root, String displayPrefix) {
            this.root = root;
            this.displayPrefix = displayPrefix;
        }

        void walk() {
            try {
                Files.walkFileTree(root, Set.of(), MAX_DEPTH, this);
            } catch (IOException e) {
                problems.add(new UnreadableFile(display(root), "could not be listed (" + e.getClass().getSimpleName() + ")"));
            }
        }

        @Override
        public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) {
            String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
            if (attributes.isRegularFile() && (name.endsWith(".jtl") || name.endsWith(".csv"))) {
                byPath.put(display(file), file);
                if (byPath.size() > MAX_FILES) {
                    byPath.pollLastEntry();
                    leftOut++;
                }
            }
            return FileVisitResult.CONTINUE;
        }

        @Override
        public FileVisitResult visitFileFailed(Path file, IOException e) {
            problems.add(new UnreadableFile(display(file), "could not be listed (" + e.getClass().getSimpleName() + ")"));
            return FileVisitResult.CONTINUE;
        }

        private String display(Path file) {
            String relative = root.relativize(file).toString().replace(File.separatorChar, '/');
            return displayPrefix.isEmpty() ? (relative.isEmpty() ? "." : relative)
                    : relative.isEmpty() ? displayPrefix : displayPrefix + "/" + relative;
        }
    }
}
