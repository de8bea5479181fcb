package org.mcsan.contracts.features;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.parquet.hadoop.ParquetReader;
import org.apache.parquet.hadoop.api.InitContext;
import org.apache.parquet.hadoop.api.ReadSupport;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.io.api.Converter;
import org.apache.parquet.io.api.GroupConverter;
import org.apache.parquet.io.api.PrimitiveConverter;
import org.apache.parquet.io.api.RecordMaterializer;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.Type;

/**
 * Reads the rows of a feature dataset that a fold needs, inside a Spark task (no SparkSession there), through
 * the Hadoop FileSystem API so local and {@code hdfs://} datasets both work.
 *
 * <p>Only the columns training needs are read, and the float arrays are filled directly by Parquet's converters:
 * a generic record API would allocate one object per float (about 10^8 of them for IEMOCAP). Rows the filter
 * rejects are decided on their key columns, which come first in the schema, and their arrays are not kept.
 */
public final class FeatureTableReader {
    static final List<String> COLUMNS = Arrays.asList(
            FeatureSchema.UTTERANCE_ID,
            FeatureSchema.SPEAKER,
            FeatureSchema.SESSION,
            FeatureSchema.SPLIT,
            FeatureSchema.LABEL_INDEX,
            FeatureSchema.NUM_FRAMES,
            FeatureSchema.MFCC,
            FeatureSchema.NUM_WORDS,
            FeatureSchema.TEXT_EMB);

    private FeatureTableReader() {}

    /** Rows for which {@code keep} (called once the key columns are known) is true. */
    public static List<FeatureRow> read(Configuration hadoop, String dataset, Predicate<FeatureRow> keep)
            throws IOException {
        Path dir = new Path(dataset);
        FileSystem fs = dir.getFileSystem(hadoop);
        List<FeatureRow> rows = new ArrayList<>();
        for (FileStatus file : fs.listStatus(dir, p -> p.getName().endsWith(".parquet"))) {
            try (ParquetReader<FeatureRow> reader = ParquetReader.builder(new RowReadSupport(keep), file.getPath())
                    .withConf(hadoop)
                    .build()) {
                for (FeatureRow row = reader.read(); row != null; row = reader.read()) {
                    if (row.mfcc != null) { // a kept row; rejected rows come back without arrays
                        rows.add(row);
                    }
                }
            }
        }
        return rows;
    }

    private static final class RowReadSupport extends ReadSupport<FeatureRow> {
        private final Predicate<FeatureRow> keep;

        RowReadSupport(Predicate<FeatureRow> keep) {
            this.keep = keep;
        }

        @Override
        public ReadContext init(InitContext context) {
            MessageType file = context.getFileSchema();
            List<Type> fields = new ArrayList<>();
            for (String column : COLUMNS) {
                if (!file.containsField(column)) {
                    throw new IllegalStateException("feature dataset file has no column '" + column + "' (columns: "
                            + file.getFields() + "); was it written by 'mcsan features'?");
                }
                fields.add(file.getType(column));
            }
            return new ReadContext(new MessageType(file.getName(), fields));
        }

        @Override
        public RecordMaterializer<FeatureRow> prepareForRead(
                Configuration conf, Map<String, String> meta, MessageType fileSchema, ReadContext context) {
            return new RowMaterializer(context.getRequestedSchema(), keep);
        }
    }

    /** Assembles one FeatureRow per record; fields arrive in schema order. */
    private static final class RowMaterializer extends RecordMaterializer<FeatureRow> {
        private final RowConverter root;

        RowMaterializer(MessageType schema, Predicate<FeatureRow> keep) {
            root = new RowConverter(schema, keep);
        }

        @Override
        public FeatureRow getCurrentRecord() {
            return root.row;
        }

        @Override
        public GroupConverter getRootConverter() {
            return root;
        }
    }

    private static final class RowConverter extends GroupConverter {
        private final Converter[] converters;
        private final Predicate<FeatureRow> keep;
        FeatureRow row;
        private Boolean kept; // decided when the first array starts, once the key columns are in

        RowConverter(MessageType schema, Predicate<FeatureRow> keep) {
            this.keep = keep;
            converters = new Converter[schema.getFieldCount()];
            Map<String, Integer> index = new HashMap<>();
            for (int i = 0; i < schema.getFieldCount(); i++) {
                index.put(schema.getFieldName(i), i);
            }
            converters[index.get(FeatureSchema.UTTERANCE_ID)] = new Str(v -> row.utteranceId = v);
            converters[index.get(FeatureSchema.SPEAKER)] = new Str(v -> row.speaker = v);
            converters[index.get(FeatureSchema.SESSION)] = new Str(v -> row.session = v);
            converters[index.get(FeatureSchema.SPLIT)] = new Str(v -> row.split = v);
            converters[index.get(FeatureSchema.LABEL_INDEX)] = new Int(v -> row.labelIndex = v);
            converters[index.get(FeatureSchema.NUM_FRAMES)] = new Int(v -> row.numFrames = v);
            converters[index.get(FeatureSchema.NUM_WORDS)] = new Int(v -> row.numWords = v);
            converters[index.get(FeatureSchema.MFCC)] = new FloatList(this, true);
            converters[index.get(FeatureSchema.TEXT_EMB)] = new FloatList(this, false);
        }

        boolean kept() {
            if (kept == null) {
                kept = keep.test(row);
            }
            return kept;
        }

        @Override
        public Converter getConverter(int fieldIndex) {
            return converters[fieldIndex];
        }

        @Override
        public void start() {
            row = new FeatureRow();
            kept = null;
        }

        @Override
        public void end() {
            if (kept()) {
                if (row.mfcc == null) {
                    row.mfcc = new float[0];
                }
                if (row.textEmb == null) {
                    row.textEmb = new float[0];
                }
            } else {
                row.mfcc = null;
                row.textEmb = null;
            }
        }
    }

    private interface StringSink {
        void accept(String v);
    }

    private interface IntSink {
        void accept(int v);
    }

    private static final class Str extends PrimitiveConverter {
        private final StringSink sink;

        Str(StringSink sink) {
            this.sink = sink;
        }

        @Override
        public void addBinary(Binary value) {
            sink.accept(value.toStringUsingUTF8());
        }
    }

    private static final class Int extends PrimitiveConverter {
        private final IntSink sink;

        Int(IntSink sink) {
            this.sink = sink;
        }

        @Override
        public void addInt(int value) {
            sink.accept(value);
        }
    }

    /** A Spark-written array<float>: LIST group → repeated group "list" → optional float "element". */
    private static final class FloatList extends GroupConverter {
        private final RowConverter owner;
        private final boolean isMfcc;
        private float[] values = new float[1024];
        private int size;
        private boolean active;
        private final GroupConverter element = new GroupConverter() {
            private final PrimitiveConverter value = new PrimitiveConverter() {
                @Override
                public void addFloat(float v) {
                    if (active) {
                        if (size == values.length) {
                            values = Arrays.copyOf(values, size * 2);
                        }
                        values[size++] = v;
                    }
                }
            };

            @Override
            public Converter getConverter(int fieldIndex) {
                return value;
            }

            @Override
            public void start() {}

            @Override
            public void end() {}
        };

        FloatList(RowConverter owner, boolean isMfcc) {
            this.owner = owner;
            this.isMfcc = isMfcc;
        }

        @Override
        public Converter getConverter(int fieldIndex) {
            return element;
        }

        @Override
        public void start() {
            size = 0;
            active = owner.kept();
        }

        @Override
        public void end() {
            if (active) {
                float[] out = Arrays.copyOf(values, size);
                if (isMfcc) {
                    owner.row.mfcc = out;
                } else {
                    owner.row.textEmb = out;
                }
            }
        }
    }
}
