package org.lmrescore.lattice;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;

/** Small hand-written lattices shared by the tests. */
public final class Fixtures {
    private Fixtures() {
    }

    /**
     * Words on links, natural logs, lmscale 2, wdpenalty -1. Arc weights a + 2l - 1 (words):
     * the -13, a -14, the-cat -25, a-cat -25, the-hat -24; paths: "the hat" -37, "the cat" -38,
     * "a cat" -39.
     */
    public static final String TINY = """
            VERSION=1.0
            UTTERANCE=tiny
            lmscale=2.0 wdpenalty=-1.0
            N=5 L=6
            I=0 t=0.00
            I=1 t=0.50
            I=2 t=0.60
            I=3 t=1.00
            I=4 t=1.20
            J=0 S=0 E=1 W=the a=-10 l=-1
            J=1 S=0 E=2 W=a a=-12 l=-0.5
            J=2 S=1 E=3 W=cat a=-20 l=-2
            J=3 S=2 E=3 W=cat a=-19 l=-2.5
            J=4 S=1 E=3 W=hat a=-17 l=-3
            J=5 S=3 E=4 W=!NULL a=0 l=0
            """;

    public static Path write(Path dir, String name, String content) {
        try {
            Path p = dir.resolve(name);
            Files.writeString(p, content);
            return p;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static Path gzip(Path dir, String name, String content, int keepBytes) {
        try {
            Path p = dir.resolve(name);
            java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
            try (OutputStream out = new GZIPOutputStream(bytes)) {
                out.write(content.getBytes(StandardCharsets.UTF_8));
            }
            byte[] all = bytes.toByteArray();
            Files.write(p, keepBytes < 0 ? all : java.util.Arrays.copyOf(all, keepBytes));
            return p;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
