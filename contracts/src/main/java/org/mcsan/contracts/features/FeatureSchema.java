package org.mcsan.contracts.features;

import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * The contracts of the feature dataset. The dataset directory written by the feature job (features module)
 * holds {@value #FEATURES_DIR}/ (one row per utterance, {@link #FEATURES}), {@value #REJECTED_DIR}/
 * ({@link #REJECTED}), {@value #EXCLUDED_DIR}/ ({@link #EXCLUDED}) and {@value #MANIFEST_FILE}. Every utterance record
 * of the corpus is in exactly one of the three tables.
 */
public final class FeatureSchema {
    /** Sub-directory of the output holding the feature rows. */
    public static final String FEATURES_DIR = "features";
    /** Sub-directory of the output holding the rejected inputs. */
    public static final String REJECTED_DIR = "rejected";
    /** Sub-directory of the output holding the utterances left out because their label is outside the class set. */
    public static final String EXCLUDED_DIR = "excluded";
    /** File of the output describing settings, counts and software version. */
    public static final String MANIFEST_FILE = "manifest.json";
    /** The manifest's object describing the corpus: its {@value #MANIFEST_CORPUS_NAME} and class list. */
    public static final String MANIFEST_CORPUS = "corpus";
    /** The corpus name (iemocap, meld, synthetic, manifest). */
    public static final String MANIFEST_CORPUS_NAME = "name";
    /** The classes, in label_index order. */
    public static final String MANIFEST_CLASSES = "classes";

    public static final String UTTERANCE_ID = "utterance_id";
    public static final String CORPUS = "corpus";
    public static final String SPEAKER = "speaker";
    public static final String SESSION = "session";
    public static final String SPLIT = "split";
    public static final String LABEL = "label";
    public static final String LABEL_INDEX = "label_index";
    /** The label_index of an unlabelled utterance. */
    public static final int UNLABELLED = -1;

    public static final String TRANSCRIPT = "transcript";
    /** The transcript as read, when the text repair changed it (the repaired one is {@value #TRANSCRIPT}); else null. */
    public static final String TRANSCRIPT_ORIGINAL = "transcript_original";

    public static final String TOKENS = "tokens";
    public static final String NUM_WORDS = "num_words";
    public static final String TEXT_EMB = "text_emb";
    public static final String OOV_WORDS = "oov_words";
    public static final String NUM_FRAMES = "num_frames";
    public static final String ORIG_FRAMES = "orig_frames";
    public static final String MFCC = "mfcc";
    public static final String DURATION_S = "duration_s";
    public static final String SAMPLE_RATE = "sample_rate";
    public static final String AUDIO_PATH = "audio_path";

    /**
     * One row per utterance; arrays flattened row-major: {@code text_emb} is num_words x dim, {@code mfcc} is
     * num_frames x num-coefficients. Only session and split may be null, and label for an unlabelled utterance (an
     * input to prediction), whose label_index is {@value #UNLABELLED}; training refuses unlabelled rows.
     */
    public static final StructType FEATURES = new StructType(new StructField[] {
        field(UTTERANCE_ID, DataTypes.StringType, false),
        field(CORPUS, DataTypes.StringType, false),
        field(SPEAKER, DataTypes.StringType, false),
        field(SESSION, DataTypes.StringType, true),
        field(SPLIT, DataTypes.StringType, true),
        field(LABEL, DataTypes.StringType, true),
        field(LABEL_INDEX, DataTypes.IntegerType, false),
        field(TRANSCRIPT, DataTypes.StringType, false),
        field(TRANSCRIPT_ORIGINAL, DataTypes.StringType, true),
        field(TOKENS, DataTypes.createArrayType(DataTypes.StringType, false), false),
        field(NUM_WORDS, DataTypes.IntegerType, false),
        field(TEXT_EMB, DataTypes.createArrayType(DataTypes.FloatType, false), false),
        field(OOV_WORDS, DataTypes.IntegerType, false),
        field(NUM_FRAMES, DataTypes.IntegerType, false),
        field(ORIG_FRAMES, DataTypes.IntegerType, false),
        field(MFCC, DataTypes.createArrayType(DataTypes.FloatType, false), false),
        field(DURATION_S, DataTypes.DoubleType, false),
        field(SAMPLE_RATE, DataTypes.IntegerType, false),
        field(AUDIO_PATH, DataTypes.StringType, false),
    });

    public static final String REJECTED_PATH = "path";
    public static final String REJECTED_STAGE = "stage";
    public static final String REJECTED_REASON = "reason";

    /**
     * Inputs that could not be used: utterance_id (null when none could be read), path, stage, reason, and where the
     * utterance belongs as far as it is known (speaker, session, split; null when not). Datasets written before the
     * last three columns existed lack them: readers treat their rows as of unknown speaker, session and split.
     */
    public static final StructType REJECTED = new StructType(new StructField[] {
        field(UTTERANCE_ID, DataTypes.StringType, true),
        field(REJECTED_PATH, DataTypes.StringType, false),
        field(REJECTED_STAGE, DataTypes.StringType, false),
        field(REJECTED_REASON, DataTypes.StringType, false),
        field(SPEAKER, DataTypes.StringType, true),
        field(SESSION, DataTypes.StringType, true),
        field(SPLIT, DataTypes.StringType, true),
    });

    /** The label as written in the corpus, of an excluded utterance. */
    public static final String RAW_LABEL = "raw_label";

    /**
     * Utterances left out on purpose because their label is outside the class set (IEMOCAP's xxx, fru, ...):
     * utterance_id, raw_label, speaker, session, split (any but raw_label may be null).
     */
    public static final StructType EXCLUDED = new StructType(new StructField[] {
        field(UTTERANCE_ID, DataTypes.StringType, true),
        field(RAW_LABEL, DataTypes.StringType, false),
        field(SPEAKER, DataTypes.StringType, true),
        field(SESSION, DataTypes.StringType, true),
        field(SPLIT, DataTypes.StringType, true),
    });

    private FeatureSchema() {}

    private static StructField field(String name, DataType type, boolean nullable) {
        return DataTypes.createStructField(name, type, nullable);
    }
}
