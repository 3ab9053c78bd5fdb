package io.atq.gateway.evidence;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The files a master left in its task's {@code results/}, as the artifacts zip holds them: regular files only (links are
 * skipped, never followed), by path. A listing is cut at a maximum so a master that wrote a million files cannot make
 * an answer of a hundred megabytes.
 */
public final class ResultFiles {
    private ResultFiles() {
    }

    /**
     * One file.
     *
     * @param path  its path under {@code results/}, with {@code /} separators
     * @param bytes its size
     */
    public record ResultFile(String path, long bytes) {
    }

    /**
     * The files, by path.
     *
     * @param files     every file by path; when there were more than the maximum asked for, that many of them (the first
     *                  the walk met) by path
     * @param truncated whether there were more
     */
    public record Listing(List<ResultFile> files, boolean truncated) {
        public static final Listing EMPTY = new Listing(List.of(), false);
    }

    /** The files under {@code folder}'s {@code results/} (none when it has no such folder), at most {@code max}. */
    public static Listing list(TaskFolder folder, int max) {
        Path results = folder.results();
        if (!Files.isDirectory(results, LinkOption.NOFOLLOW_LINKS)) {
            return Listing.EMPTY;
        }
        List<ResultFile> found = new ArrayList<>();
        try {
            // walkFileTree does not follow links; a link shows up as a non-regular file and is skipped.
            Files.walkFileTree(results, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) {
                    if (attributes.isRegularFile()) {
                        found.add(new ResultFile(ArtifactZip.entryName(results, file), attributes.size()));
                    }
                    // One past the maximum tells that there were more; a huge tree is not walked to its end.
                    return found.size() > max ? FileVisitResult.TERMINATE : FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFileFailed(Path file, IOException e) {
                    return FileVisitResult.CONTINUE; // removed while listed (retention), or unreadable: not listed
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + results, e);
        }
        found.sort(Comparator.comparing(ResultFile::path));
        boolean truncated = found.size() > max;
        return new Listing(List.copyOf(truncated ? found.subList(0, max) : found), truncated);
    }
}
