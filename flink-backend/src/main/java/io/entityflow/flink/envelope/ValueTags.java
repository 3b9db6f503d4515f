package io.entityflow.flink.envelope;

/** The one-byte tags of {@link ValueCodec}'s binary form; never renumbered (checkpoints hold them). */
final class ValueTags {
    static final byte NULL = 0;
    static final byte FALSE = 1;
    static final byte TRUE = 2;
    static final byte INT = 3;
    static final byte LONG = 4;
    static final byte DOUBLE = 5;
    static final byte FLOAT = 6;
    static final byte SHORT = 7;
    static final byte BYTE = 8;
    static final byte CHAR = 9;
    static final byte STRING = 10;
    static final byte ENTITY_REF = 11;
    static final byte LIST = 12;
    static final byte SET = 13;
    static final byte SORTED_SET = 14;
    static final byte MAP = 15;
    static final byte SORTED_MAP = 16;
    static final byte ENUM = 17;
    static final byte RECORD = 18;
    static final byte FAILURE = 19;
    static final byte THROWABLE = 20;
    static final byte ARRAY = 21;
    static final byte BIG_DECIMAL = 22;
    static final byte BIG_INTEGER = 23;
    static final byte UUID_TAG = 24;
    static final byte INSTANT = 25;
    static final byte LOCAL_DATE = 26;
    static final byte LOCAL_DATE_TIME = 27;
    static final byte DURATION = 28;
    static final byte OPTIONAL = 29;
    static final byte STRING_BUILDER = 30;
    /** A second mention of an object already written in the same graph: its index follows. */
    static final byte BACK_REFERENCE = 31;

    private ValueTags() {
    }
}
