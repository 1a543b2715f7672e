package org.samsde.core.io;

/**
 * Element types of {@link NpyArray}: the NumPy dtypes this package reads and writes. Files are
 * written little-endian ({@code '<f8'} and so on); on reading, big-endian ({@code '>f8'}) and
 * native-order ({@code '=f8'}, {@code '|f8'}, {@code 'f8'}) descriptors are accepted as well.
 */
public enum NpyType {
    /** IEEE 754 double precision, NumPy {@code float64} ({@code '<f8'}). */
    FLOAT64('f', 8),
    /** IEEE 754 single precision, NumPy {@code float32} ({@code '<f4'}); held widened to double. */
    FLOAT32('f', 4),
    /** Signed 64-bit integer, NumPy {@code int64} ({@code '<i8'}). */
    INT64('i', 8),
    /** Signed 32-bit integer, NumPy {@code int32} ({@code '<i4'}); held widened to long. */
    INT32('i', 4);

    private final char kind;
    private final int itemSize;

    NpyType(char kind, int itemSize) {
        this.kind = kind;
        this.itemSize = itemSize;
    }

    /** @return the number of bytes one element takes in a file: 8 or 4 */
    public int itemSize() {
        return itemSize;
    }

    /** @return true for {@link #FLOAT64} and {@link #FLOAT32}, false for the integer types */
    public boolean isFloatingPoint() {
        return kind == 'f';
    }

    /** @return the little-endian NumPy descriptor this type is written with, e.g. {@code "<f8"} */
    public String descr() {
        return "<" + kind + itemSize;
    }

    /**
     * Finds the type for a descriptor without its byte-order mark.
     *
     * @param kindAndSize kind letter and item size, e.g. {@code "f8"}
     * @return the type, or null if this package does not support it
     */
    static NpyType fromKindAndSize(String kindAndSize) {
        for (NpyType type : values()) {
            if (type.descr().substring(1).equals(kindAndSize)) {
                return type;
            }
        }
        return null;
    }
}
