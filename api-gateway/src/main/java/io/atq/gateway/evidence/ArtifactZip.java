package io.atq.gateway.evidence;

import io.atq.contracts.tasks.TaskId;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * Writes a task's evidence as a zip, entry by entry straight to the stream (never the whole archive in memory):
 * {@code master.log}, {@code workers/worker-<slot>.log}, the director's {@code results-summary.json}, then
 * {@code results/…} as the master left it. Logs pass the scrubber line by line; the summary and the results are copied
 * as they are. Links are skipped, never followed: a master could point one anywhere on the host.
 */
public final class ArtifactZip {
    private ArtifactZip() {
    }

    /** The zip's file name for a task. */
    public static String fileName(TaskId taskId) {
        return "atq-" + taskId + ".zip";
    }

    /** The entry name of a file under the task folder: its relative path with {@code /} separators. */
    public static String entryName(Path root, Path file) {
        Path relative = root.relativize(file);
        List<String> parts = new ArrayList<>();
        relative.forEach(part -> parts.add(part.toString()));
        if (parts.isEmpty() || parts.contains("..")) {
            throw new IllegalArgumentException(file + " is not inside " + root);
        }
        return String.join("/", parts);
    }

    /** Writes the zip of {@code folder} to {@code out} (closes the zip stream, hence {@code out}). */
    public static void write(TaskFolder folder, UnaryOperator<String> scrubber, OutputStream out) {
        try (ZipOutputStream zip = new ZipOutputStream(out, StandardCharsets.UTF_8)) {
            if (folder.hasMasterLog()) {
                addLog(zip, folder, folder.masterLog(), scrubber);
            }
            for (Path log : folder.workerLogs().values()) {
                addLog(zip, folder, log, scrubber);
            }
            if (folder.hasResultsSummary()) {
                zip.putNextEntry(new ZipEntry(entryName(folder.root(), folder.resultsSummary())));
                try (InputStream in = Files.newInputStream(folder.resultsSummary(), LinkOption.NOFOLLOW_LINKS)) {
                    in.transferTo(zip);
                }
                zip.closeEntry();
            }
            if (Files.isDirectory(folder.results(), LinkOption.NOFOLLOW_LINKS)) {
                addResults(zip, folder);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the evidence zip of " + folder.root(), e);
        }
    }

    private static void addLog(ZipOutputStream zip, TaskFolder folder, Path log, UnaryOperator<String> scrubber) throws IOException {
        zip.putNextEntry(new ZipEntry(entryName(folder.root(), log)));
        try (BufferedReader reader = Files.newBufferedReader(log, StandardCharsets.UTF_8)) {
            String line;
            while ((line = reader.readLine()) != null) {
                zip.write((scrubber.apply(line) + "\n").getBytes(StandardCharsets.UTF_8));
            }
        }
        zip.closeEntry();
    }

    private static void addResults(ZipOutputStream zip, TaskFolder folder) throws IOException {
        // walkFileTree does not follow links; links show up as non-regular files and are skipped.
        Files.walkFileTree(folder.results(), new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attributes) throws IOException {
                if (!dir.equals(folder.results())) {
                    zip.putNextEntry(new ZipEntry(entryName(folder.root(), dir) + "/"));
                    zip.closeEntry();
                }
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) throws IOException {
                if (!attributes.isRegularFile()) {
                    return FileVisitResult.CONTINUE;
                }
                zip.putNextEntry(new ZipEntry(entryName(folder.root(), file)));
                // NOFOLLOW_LINKS again at open: the file may have been swapped for a link since the walk saw it.
                try (InputStream in = Files.newInputStream(file, LinkOption.NOFOLLOW_LINKS)) {
                    in.transferTo(zip);
                }
                zip.closeEntry();
                return FileVisitResult.CONTINUE;
            }
        });
    }
}
