package org.samsde.core.io;

import java.math.BigInteger;
import java.text.ParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Parses the Python literals that appear in {@code .npy} headers, the subset of {@code
 * ast.literal_eval} that NumPy's headers use: dicts, tuples, lists, strings, integers (with the
 * {@code L} suffix of Python 2 files), {@code True}, {@code False} and {@code None}.
 *
 * <p>Values map to Java as: dict to {@link Map} (insertion order, a repeated key keeps its last
 * value as in Python), tuple to {@link Tuple}, list to {@link List}, string to {@link String},
 * integer to {@link BigInteger}, {@code True}/{@code False} to {@link Boolean} and {@code None}
 * to {@link #NONE}.
 */
final class PyLiteral {

    /** A Python tuple. */
    record Tuple(List<Object> items) {}

    /** Python's {@code None}. */
    static final Object NONE = new Object() {
        @Override
        public String toString() {
            return "None";
        }
    };

    /** Nesting deeper than this is refused, so that no input can overflow the stack. */
    private static final int MAX_DEPTH = 32;

    private final String text;
    private int pos;

    private PyLiteral(String text) {
        this.text = text;
    }

    /**
     * Parses one literal that makes up the whole text, apart from surrounding white space.
     *
     * @param text the source
     * @return the value
     * @throws ParseException if the text is not such a literal
     */
    static Object parse(String text) throws ParseException {
        PyLiteral parser = new PyLiteral(text);
        Object value = parser.value(0);
        parser.skipWhitespace();
        if (parser.pos < text.length()) {
            throw parser.error("unexpected text after the literal");
        }
        return value;
    }

    private Object value(int depth) throws ParseException {
        if (depth > MAX_DEPTH) {
            throw error("literal nested more than " + MAX_DEPTH + " deep");
        }
        skipWhitespace();
        if (pos >= text.length()) {
            throw error("unexpected end");
        }
        char c = text.charAt(pos);
        switch (c) {
            case '{':
                return dict(depth);
            case '(':
                return tuple(depth);
            case '[':
                pos++;
                return sequence(']', depth);
            case '\'':
            case '"':
                return string(c);
            default:
                if (c == '-' || c == '+' || Character.isDigit(c)) {
                    return integer();
                }
                return name();
        }
    }

    private Map<Object, Object> dict(int depth) throws ParseException {
        pos++;
        Map<Object, Object> map = new LinkedHashMap<>();
        while (!consumeIf('}')) {
            Object key = value(depth + 1);
            expect(':');
            map.put(key, value(depth + 1));
            if (!consumeIf(',')) {
                expect('}');
                break;
            }
        }
        return map;
    }

    /** Parses {@code ()}, {@code (x,)}, {@code (x, y, ...)} or the parenthesised value {@code (x)}. */
    private Object tuple(int depth) throws ParseException {
        pos++;
        if (consumeIf(')')) {
            return new Tuple(List.of());
        }
        Object first = value(depth + 1);
        if (consumeIf(')')) {
            return first;
        }
        expect(',');
        List<Object> items = sequence(')', depth);
        items.add(0, first);
        return new Tuple(items);
    }

    /** Parses comma-separated values up to {@code close}, a trailing comma allowed. */
    private List<Object> sequence(char close, int depth) throws ParseException {
        List<Object> items = new ArrayList<>();
        while (!consumeIf(close)) {
            items.add(value(depth + 1));
            if (!consumeIf(',')) {
                expect(close);
                break;
            }
        }
        return items;
    }

    private String string(char quote) throws ParseException {
        StringBuilder out = new StringBuilder();
        pos++;
        while (true) {
            if (pos >= text.length()) {
                throw error("unterminated string");
            }
            char c = text.charAt(pos++);
            if (c == quote) {
                return out.toString();
            }
            if (c == '\n') {
                throw error("line break inside a string");
            }
            if (c == '\\') {
                if (pos >= text.length()) {
                    throw error("unterminated string");
                }
                char escaped = text.charAt(pos++);
                switch (escaped) {
                    case 'n' -> out.append('\n');
                    case 't' -> out.append('\t');
                    case 'r' -> out.append('\r');
                    case '\\', '\'', '"' -> out.append(escaped);
                    default -> throw error("unsupported escape \\" + escaped + " in a string");
                }
            } else {
                out.append(c);
            }
        }
    }

    private BigInteger integer() throws ParseException {
        int start = pos;
        if (text.charAt(pos) == '-' || text.charAt(pos) == '+') {
            pos++;
        }
        int digitsStart = pos;
        while (pos < text.length() && isAsciiDigit(text.charAt(pos))) {
            pos++;
        }
        if (pos == digitsStart) {
            throw error("expected digits");
        }
        BigInteger value = new BigInteger(text.substring(start, pos));
        if (pos < text.length() && (text.charAt(pos) == 'L' || text.charAt(pos) == 'l')) {
            pos++;
        }
        if (pos < text.length() && isIdentifierChar(text.charAt(pos))) {
            throw error("expected an integer");
        }
        return value;
    }

    private Object name() throws ParseException {
        int start = pos;
        while (pos < text.length() && isIdentifierChar(text.charAt(pos))) {
            pos++;
        }
        String word = text.substring(start, pos);
        switch (word) {
            case "True":
                return Boolean.TRUE;
            case "False":
                return Boolean.FALSE;
            case "None":
                return NONE;
            default:
                pos = start;
                throw error(word.isEmpty() ? "unexpected character '" + text.charAt(pos) + "'"
                        : "unexpected name '" + word + "'");
        }
    }

    private static boolean isAsciiDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private static boolean isIdentifierChar(char c) {
        return isAsciiDigit(c) || c == '_' || c == '.' || (c >= 'a' && c <= 'z')
                || (c >= 'A' && c <= 'Z');
    }

    private boolean consumeIf(char c) {
        skipWhitespace();
        if (pos < text.length() && text.charAt(pos) == c) {
            pos++;
            return true;
        }
        return false;
    }

    private void expect(char c) throws ParseException {
        if (!consumeIf(c)) {
            throw error(pos < text.length() ? "expected '" + c + "'" : "unexpected end");
        }
    }

    /** Skips white space and comments ({@code #} to the end of the line), as Python does. */
    private void skipWhitespace() {
        while (pos < text.length()) {
            char c = text.charAt(pos);
            if (c == '#') {
                int newline = text.indexOf('\n', pos);
                pos = newline < 0 ? text.length() : newline;
            } else if (" \t\n\r\f".indexOf(c) >= 0) {
                pos++;
            } else {
                return;
            }
        }
    }

    private ParseException error(String problem) {
        return new ParseException(problem + " at character " + pos, pos);
    }
}
