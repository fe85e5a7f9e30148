package org.lmrescore.spark;

import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.FileUtil;
import org.lmrescore.util.InputFormatException;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Inputs named by a URI ({@code hdfs:///lattices/*}, {@code s3a://bucket/lat/}, {@code file:///data/*.slf.gz}):
 * listed on the driver through Hadoop's file systems, and copied by the executor that reads one
 * to a local file of the same name (utterance ids come from file names), deleted when done.
 */
final class RemoteFiles {
    private static final Pattern URI = Pattern.compile("[A-Za-z][A-Za-z0-9+.-]*://.*");

    private RemoteFiles() {
    }

    /** Whether {@code --in} names its files by a URI rather than as a local path. */
    static boolean isUri(String in) {
        return URI.matcher(in).matches();
    }

    /**
     * The files a URI names, sorted: a glob's matches, a folder's files (hidden ones and Hadoop's
     * {@code _SUCCESS} markers left out), or the one file.
     */
    static List<String> list(String uri) {
        try {
            org.apache.hadoop.fs.Path pattern = new org.apache.hadoop.fs.Path(uri);
            FileSystem fs = pattern.getFileSystem(new Configuration());
            FileStatus[] matched = fs.globStatus(pattern);
            if (matched == null || matched.length == 0) {
                throw new InputFormatException("--in " + uri + ": no such file or folder");
            }
            List<String> out = new ArrayList<>();
            for (FileStatus s : matched) {
                FileStatus[] files = s.isDirectory() ? fs.listStatus(s.getPath()) : new FileStatus[] {s};
                Arrays.sort(files, Comparator.comparing(f -> f.getPath().getName()));
                for (FileStatus f : files) {
                    String name = f.getPath().getName();
                    if (f.isFile() && !name.startsWith(".") && !name.startsWith("_")) {
                        out.add(f.getPath().toString());
                    }
                }
            }
            if (out.isEmpty()) {
                throw new InputFormatException("--in " + uri + ": no files there");
            }
            return out;
        } catch (IOException e) {
            throw new InputFormatException("--in " + uri + ": " + e.getMessage());
        }
    }

    /** A local copy of the file at {@code uri} in {@code dir}, under its own name. */
    static Path copy(String uri, Path dir) {
        org.apache.hadoop.fs.Path path = new org.apache.hadoop.fs.Path(uri);
        Path local = dir.resolve(path.getName());
        try (InputStream in = path.getFileSystem(new Configuration()).open(path)) {
            Files.copy(in, local, StandardCopyOption.REPLACE_EXISTING);
            return local;
        } catch (IOException e) {
            throw new InputFormatException(uri + ": cannot read: " + e.getMessage());
        }
    }

    /** Removes a folder of copies. */
    static void delete(Path dir) {
        if (!FileUtil.fullyDelete(dir.toFile())) {
            throw new UncheckedIOException(new IOException("cannot delete " + dir));
        }
    }
}
