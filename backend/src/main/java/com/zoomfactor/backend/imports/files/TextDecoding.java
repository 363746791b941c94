package com.zoomfactor.backend.imports.files;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Which character set a downloaded file is in, from its first bytes: a byte order mark when there is one (UTF-8,
 * UTF-16LE, UTF-16BE — Meta's exports are UTF-16LE with a mark); UTF-16 without a mark when every other byte of the
 * start is zero; UTF-8 when the start decodes as UTF-8; else Windows-1252, what Excel on Windows saves as "CSV".
 */
public final class TextDecoding {

    /** How much of the start is looked at. */
    public static final int SAMPLE_BYTES = 64 * 1024;

    private static final Charset WINDOWS_1252 = Charset.forName("windows-1252");

    /** The character set and how many bytes of byte order mark to skip. */
    public record Encoding(Charset charset, int markLength) {

        /** The name the import reports ("UTF-16LE with BOM"). */
        public String describe() {
            return charset.name() + (markLength > 0 ? " with BOM" : "");
        }
    }

    private TextDecoding() {
    }

    /** The encoding of a file starting with {@code head} (its first {@code length} bytes). */
    public static Encoding sniff(byte[] head, int length) {
        if (length >= 3 && (head[0] & 0xFF) == 0xEF && (head[1] & 0xFF) == 0xBB && (head[2] & 0xFF) == 0xBF) {
            return new Encoding(StandardCharsets.UTF_8, 3);
        }
        if (length >= 2 && (head[0] & 0xFF) == 0xFF && (head[1] & 0xFF) == 0xFE) {
            return new Encoding(StandardCharsets.UTF_16LE, 2);
        }
        if (length >= 2 && (head[0] & 0xFF) == 0xFE && (head[1] & 0xFF) == 0xFF) {
            return new Encoding(StandardCharsets.UTF_16BE, 2);
        }
        int evenZeros = 0;
        int oddZeros = 0;
        int pairs = Math.min(length, 4096) / 2;
        for (int i = 0; i < pairs * 2; i += 2) {
            evenZeros += head[i] == 0 ? 1 : 0;
            oddZeros += head[i + 1] == 0 ? 1 : 0;
        }
        // text in a Latin script as UTF-16 has a zero in (nearly) every other byte
        if (pairs > 0 && oddZeros > pairs * 0.4 && evenZeros < pairs * 0.05) {
            return new Encoding(StandardCharsets.UTF_16LE, 0);
        }
        if (pairs > 0 && evenZeros > pairs * 0.4 && oddZeros < pairs * 0.05) {
            return new Encoding(StandardCharsets.UTF_16BE, 0);
        }
        return new Encoding(decodesAsUtf8(head, length) ? StandardCharsets.UTF_8 : WINDOWS_1252, 0);
    }

    private static boolean decodesAsUtf8(byte[] head, int length) {
        // the sample may end inside a character: drop an incomplete last sequence
        int end = length;
        for (int back = 1; back <= 3 && end - back >= 0; back++) {
            int b = head[end - back] & 0xFF;
            if ((b & 0xC0) == 0xC0) {
                int needed = (b & 0xE0) == 0xC0 ? 2 : (b & 0xF0) == 0xE0 ? 3 : 4;
                if (back < needed) {
                    end -= back;
                }
                break;
            }
            if ((b & 0x80) == 0) {
                break;
            }
        }
        try {
            StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(head, 0, end));
            return true;
        } catch (CharacterCodingException e) {
            return false;
        }
    }
}
