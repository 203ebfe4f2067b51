package dev.kiln.wire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.UTFDataFormatException;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Strings and numbers written by hand are the bytes DataOutputStream writes, and read back the same. */
class ModifiedUtf8Test {
    private static final List<String> SAMPLES = List.of(
            "",
            "dev/kiln/Test$1",
            "lambda$main$0",
            "()Ljava/lang/Object;",
            "caf\u00e9",
            "\u4e2d\u6587",
            "nul\u0000inside",
            "\ud83d\ude00 a surrogate pair",
            "\u07ff\u0800\uffff");

    @Test
    void stringsAreTheBytesWriteUtfWritesAndReadBack() throws Exception {
        for (String s : SAMPLES) {
            ByteArrayOutputStream mine = new ByteArrayOutputStream();
            ModifiedUtf8.write(mine, s);
            ByteArrayOutputStream jdks = new ByteArrayOutputStream();
            new DataOutputStream(jdks).writeUTF(s);
            assertThat(mine.toByteArray()).as(s).isEqualTo(jdks.toByteArray());
            byte[] b = jdks.toByteArray();
            ModifiedUtf8.Reader r = new ModifiedUtf8.Reader(b, 0, b.length);
            assertThat(r.readUtf()).isEqualTo(s);
            assertThat(r.remaining()).isZero();
        }
    }

    @Test
    void aLongIsTheBytesWriteLongWrites() throws Exception {
        for (long v : new long[] {0, 1, -1, 4242, Long.MIN_VALUE, Long.MAX_VALUE, 0x0102030405060708L}) {
            ByteArrayOutputStream mine = new ByteArrayOutputStream();
            ModifiedUtf8.writeLong(mine, v);
            assertThat(new DataInputStream(new ByteArrayInputStream(mine.toByteArray())).readLong())
                    .isEqualTo(v);
        }
    }

    @Test
    void tooLongAndMalformedAreRefused() {
        assertThatThrownBy(() -> ModifiedUtf8.write(new ByteArrayOutputStream(), "\u4e2d".repeat(30_000)))
                .isInstanceOf(UTFDataFormatException.class)
                .hasMessageContaining("90000 bytes");
        byte[] cut = {0, 5, 'a', 'b'};
        assertThatThrownBy(() -> new ModifiedUtf8.Reader(cut, 0, cut.length).readUtf())
                .isInstanceOf(EOFException.class);
        byte[] partial = {0, 2, 'a', (byte) 0xc3};
        assertThatThrownBy(() -> new ModifiedUtf8.Reader(partial, 0, partial.length).readUtf())
                .isInstanceOf(UTFDataFormatException.class);
        byte[] bad = {0, 1, (byte) 0xff};
        assertThatThrownBy(() -> new ModifiedUtf8.Reader(bad, 0, bad.length).readUtf())
                .isInstanceOf(UTFDataFormatException.class);
    }
}
