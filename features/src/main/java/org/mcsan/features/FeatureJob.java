package org.mcsan.features;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.typesafe.config.ConfigException;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.OutputStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.util.CollectionAccumulator;
import org.apache.spark.util.LongAccumulator;
import org.mcsan.contracts.BuildInfo;
import org.mcsan.contracts.features.FeatureSchema;
import org.mcsan.contracts.io.SerializableHadoopConf;
import org.mcsan.features.corpus.CorpusReaders;
import org.mcsan.features.corpus.CorpusScan;
import org.mcsan.features.corpus.ExcludedItem;
import org.mcsan.features.corpus.FfmpegDecoder;
import org.mcsan.features.corpus.RejectedItem;
import org.mcsan.features.corpus.Utterance;
import org.mcsan.features.text.GloveLookup;
import org.mcsan.features.text.GloveTable;
import org.mcsan.features.text.TextEmbedder;
import org.mcsan.features.text.Tokenizer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Spark job that turns a corpus into the Parquet feature dataset whose layout and columns {@link FeatureSchema}
 * defines.
 *
 * <ol>
 *   <li>Driver: read the corpus index ({@link CorpusReaders}), tokenize the transcripts, find each audio file and
 *       its size (one directory listing per audio directory), look the vocabulary up in GloVe with Spark
 *       ({@link GloveLookup}).</li>
 *   <li>Executors: utterances are spread over partitions by audio file size ({@link WorkBalancer}); each
 *       partition decodes, resamples, computes MFCC and embeds the tokens with the broadcast GloVe table
 *       ({@link Featurizer}) and writes its rows straight to Parquet, in one Spark job; rejections and counts
 *       come back through accumulators.</li>
 *   <li>Output, committed atomically ({@link AtomicOutput}): {@code <output>/features/} (Parquet,
 *       {@link FeatureSchema#FEATURES}), {@code <output>/rejected/} (Parquet, {@link FeatureSchema#REJECTED}),
 *       {@code <output>/manifest.json} (settings, counts, coverage, versions).</li>
 * </ol>
 *
 * Bad inputs do not stop the job: each becomes one rejected row (stage read, text or audio, and the reason), and
 * read = written + rejected + excluded. When more than {@code mcsan.features.max-rejected-fraction} of the
 * utterances in the class set (read - excluded) is rejected, the job fails after moving the rejected table and a
 * manifest.json (status "failed") to {@code <output>.rejected/}; nothing is written at the output path.
 */
public final class FeatureJob {
    private static final Logger LOG = LoggerFactory.getLogger(FeatureJob.class);
    /** Stage of utterances whose transcript is missing or has no words. */
    static final String STAGE_TEXT = Featurizer.STAGE_TEXT;

    private static final int NUM_WORDS = FeatureSchema.FEATURES.fieldIndex(FeatureSchema.NUM_WORDS);
    private static final int OOV_WORDS = FeatureSchema.FEATURES.fieldIndex(FeatureSchema.OOV_WORDS);

    private FeatureJob() {}

    /**
     * Runs the job.
     *
     * @param settings the corpus to read and the feature settings
     * @return the counts of the run
     * @throws IOException when the corpus, GloVe file or output cannot be used (nothing is written), or when too
     *                     many utterances were rejected (see the class comment)
     */
    public static FeatureJobSummary run(SparkSession spark, FeatureJobSettings settings) throws IOException {
        JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
        Configuration hadoop = jsc.hadoopConfiguration();
        checkInputsExist(settings, hadoop);
        checkOutputIsNotAnInput(
                settings.output(), settings.corpus().path(), settings.glove().path(), hadoop);
        AtomicOutput out = AtomicOutput.begin(settings.output(), settings.overwrite(), hadoop);
        try {
            FeatureJobSummary summary = new FeatureJob.Run(spark, jsc, settings, out).execute();
            out.commit();
            FileSystem fs = out.fs();
            Path staleRejected = out.besideTarget(FeatureSchema.REJECTED_DIR);
            if (fs.exists(staleRejected)) fs.delete(staleRejected, true); // left by an earlier failed run
            return summary;
        } catch (IOException | RuntimeException | Error e) {
            out.abort();
            throw e;
        }
    }

    /**
     * The corpus and the GloVe file must exist before any Spark job starts; a missing one is a configuration error
     * that names its key (exit code 2), not a failed run.
     */
    private static void checkInputsExist(FeatureJobSettings settings, Configuration conf) throws IOException {
        String[][] inputs = {
            {"mcsan.corpus.path", settings.corpus().path(), "the corpus"},
            {"mcsan.features.glove.path", settings.glove().path(), "the GloVe file"}
        };
        for (String[] input : inputs) {
            Path p = new Path(input[1]);
            if (!p.getFileSystem(conf).exists(p)) {
                throw new ConfigException.BadValue(
                        input[0], input[2] + " " + p.getFileSystem(conf).makeQualified(p) + " does not exist");
            }
        }
    }

    /**
     * A corpus whose audio is only {@code .mp4} clips (MELD as distributed) needs ffmpeg; without it every utterance
     * would be rejected after a long job, so this is a configuration error (exit code 2) found before any Spark job.
     * A corpus with some WAVs goes on: its few clips without one are rejected with the reason.
     */
    static void checkDecoderAvailable(List<WorkItem> items, FfmpegDecoder ffmpeg, String corpusPath) {
        if (items.isEmpty() || ffmpeg.isAvailable()) return;
        for (WorkItem item : items) {
            if (!item.needsFfmpeg()) return;
        }
        throw new ConfigException.Generic("ffmpeg is missing: all " + items.size() + " audio clips of the corpus at "
                + corpusPath + " (mcsan.corpus.path) are .mp4 files (e.g. " + items.get(0).sourcePath
                + "), which need ffmpeg on the PATH of the driver and of every executor, and there is none. Install it"
                + " (Debian/Ubuntu: apt-get install ffmpeg; macOS: brew install ffmpeg), or extract the audio once with"
                + " 'ffmpeg -i X.mp4 -vn -ac 1 -ar 16000 X.wav' next to each .mp4 (or into"
                + " mcsan.corpus.meld.wav-dir/<split>/)");
    }

    private static void checkOutputIsNotAnInput(String output, String corpus, String glove, Configuration conf)
            throws IOException {
        Path out = qualify(output, conf);
        for (String input : new String[] {corpus, glove}) {
            if (input.trim().isEmpty()) continue;
            for (Path p = qualify(input, conf); p != null; p = p.getParent()) {
                if (p.equals(out)) {
                    throw new IOException("mcsan.features.output " + out + " contains the input " + input
                            + "; choose an output directory outside the corpus and the GloVe file");
                }
            }
        }
    }

    private static Path qualify(String path, Configuration conf) throws IOException {
        Path p = new Path(path);
        return p.getFileSystem(conf).makeQualified(p);
    }

    /** One execution: the state shared by its steps. */
    private static final class Run {
        private final SparkSession spark;
        private final JavaSparkContext jsc;
        private final FeatureJobSettings settings;
        private final AtomicOutput out;
        private final Configuration hadoop;
        private final List<RejectedItem> rejected = new ArrayList<>();

        Run(SparkSession spark, JavaSparkContext jsc, FeatureJobSettings settings, AtomicOutput out) {
            this.spark = spark;
            this.jsc = jsc;
            this.settings = settings;
            this.out = out;
            this.hadoop = jsc.hadoopConfiguration();
        }

        FeatureJobSummary execute() throws IOException {
            CorpusScan scan = CorpusReaders.create(settings.corpus(), hadoop).read();
            if (scan.recordsSeen() == 0) {
                throw new IOException("no utterance records found in the " + scan.corpus() + " corpus at "
                        + settings.corpus().path());
            }
            LOG.info("read {}", scan);
            rejected.addAll(scan.rejected());
            List<WorkItem> items = locateAudio(tokenize(scan.utterances()));
            checkDecoderAvailable(
                    items, FfmpegDecoder.onSystemPath(), settings.corpus().path());
            LOG.info("{} utterances have words and an audio file; {} rejected so far", items.size(), rejected.size());

            boolean lowerCaseFallback = !settings.text().lowerCase();
            List<List<String>> tokenLists = new ArrayList<>();
            for (WorkItem item : items) tokenLists.add(item.tokens);
            GloveTable glove = lookUpGlove(TextEmbedder.lookupVocabulary(tokenLists, lowerCaseFallback));
            TextEmbedder.Coverage coverage =
                    new TextEmbedder(glove, settings.glove().oovPolicy(), lowerCaseFallback).coverage(tokenLists);

            LOG.info(
                    "GloVe {}: {} of {} words found, {}; vocabulary coverage {} of {} distinct tokens",
                    settings.glove().path(),
                    glove.size(),
                    glove.wantedWords(),
                    glove.stats(),
                    coverage.coveredDistinctTokens(),
                    coverage.distinctTokens());
            int partitions = partitionCount(items.size());
            List<List<WorkItem>> buckets = WorkBalancer.balance(items, w -> w.sizeBytes, partitions);
            Broadcast<GloveTable> gloveBroadcast = jsc.broadcast(glove);
            Broadcast<SerializableHadoopConf> confBroadcast = jsc.broadcast(new SerializableHadoopConf(hadoop));
            // The work lists reach the executors by broadcast and each task carries only its bucket's index:
            // parallelizing the lists themselves put every bucket inside its task (Spark warned of "a task of very
            // large size", about 1 MB per task for MELD), and tasks are serialized one by one on the driver.
            Broadcast<List<List<WorkItem>>> work = jsc.broadcast(buckets);
            List<Integer> bucketIndices = new ArrayList<>();
            for (int i = 0; i < buckets.size(); i++) bucketIndices.add(i);
            RowSplitter splitter = new RowSplitter(jsc);
            JavaRDD<Row> rows = jsc.parallelize(bucketIndices, partitions)
                    .map(i -> work.value().get(i))
                    .mapPartitions(new Featurizer(
                            gloveBroadcast,
                            confBroadcast,
                            settings.audio(),
                            settings.mfcc(),
                            settings.glove().oovPolicy(),
                            lowerCaseFallback))
                    .flatMap(splitter);
            Path temp = out.temp();
            Path featuresDir = new Path(temp, FeatureSchema.FEATURES_DIR);
            try {
                // One pass: the rows go straight to Parquet while the rejections and counts collect on the side.
                // The float arrays rarely repeat a value, so Parquet's dictionary encoding would only fill a
                // dictionary page per column chunk and fall back to plain encoding; it was the job's largest cost.
                spark.createDataFrame(rows, FeatureSchema.FEATURES)
                        .write()
                        .option("parquet.enable.dictionary", "false")
                        .parquet(featuresDir.toString());
            } finally {
                gloveBroadcast.destroy();
                confBroadcast.destroy();
                work.destroy();
            }
            rejected.addAll(splitter.rejected());
            long[] rowStats = splitter.rowStats();
            long written = rowStats[0];
            long read = scan.recordsSeen();
            long excluded = scan.excludedCount();
            if (read != written + rejected.size() + excluded) {
                throw new IllegalStateException("counts do not reconcile: read " + read + " != written " + written
                        + " + rejected " + rejected.size() + " + excluded " + excluded);
            }
            Map<String, SplitCounts> bySplit = SplitCounts.of(scan, rejected);
            Map<String, Object> manifest = manifest(scan, written, glove, coverage, rowStats, buckets, bySplit);
            writeRejected(new Path(temp, FeatureSchema.REJECTED_DIR));
            writeExcluded(new Path(temp, FeatureSchema.EXCLUDED_DIR), scan);
            long inClassSet = read - excluded;
            double fraction = inClassSet == 0 ? 0 : (double) rejected.size() / inClassSet;
            if (fraction > settings.maxRejectedFraction()) {
                out.fs().delete(featuresDir, true);
                failWithTooManyRejected(manifest, "", rejected, fraction, inClassSet);
            }
            // A split can lose too much while the whole corpus does not (MELD's test set is an eighth of it), and
            // users compare a split's score with others' on the whole split.
            for (Map.Entry<String, SplitCounts> e : bySplit.entrySet()) {
                SplitCounts split = e.getValue();
                if (!e.getKey().equals(SplitCounts.UNKNOWN)
                        && split.rejectedFraction() > settings.maxRejectedFraction()) {
                    out.fs().delete(featuresDir, true);
                    failWithTooManyRejected(
                            manifest,
                            "in split '" + e.getKey() + "', ",
                            split.rejected,
                            split.rejectedFraction(),
                            split.inClassSet());
                }
            }
            manifest.put("status", "ok");
            writeJson(new Path(temp, FeatureSchema.MANIFEST_FILE), manifest);
            return new FeatureJobSummary(
                    out.target().toString(),
                    scan.corpus(),
                    read,
                    written,
                    rejected.size(),
                    excluded,
                    RejectionReport.byStage(rejected),
                    scan.excludedByLabel(),
                    rowStats[1],
                    rowStats[2],
                    coverage,
                    glove.stats(),
                    partitions,
                    scan.transcriptRepairs());
        }

        /** Tokenizes each transcript; utterances without words are rejected (stage text). */
        private List<WorkItem> tokenize(List<Utterance> utterances) {
            Tokenizer tokenizer = new Tokenizer(settings.text());
            List<WorkItem> withText = new ArrayList<>();
            for (Utterance u : utterances) {
                String transcript = u.transcript();
                List<String> tokens = tokenizer.tokenize(transcript);
                if (transcript == null) {
                    rejected.add(RejectedItem.of(u, u.audioPath(), STAGE_TEXT, "missing transcript"));
                } else if (transcript.trim().isEmpty()) {
                    rejected.add(RejectedItem.of(u, u.audioPath(), STAGE_TEXT, "empty transcript"));
                } else if (tokens.isEmpty()) {
                    // only noise markers, which mcsan.features.text.noise-markers = drop removes
                    rejected.add(RejectedItem.of(
                            u,
                            u.audioPath(),
                            STAGE_TEXT,
                            "no words in the transcript after tokenization (noise markers are dropped): '" + transcript
                                    + "'"));
                } else {
                    withText.add(new WorkItem(u, tokens, u.audioPath(), 0));
                }
            }
            return withText;
        }

        /**
         * Finds each utterance's audio file and its size with one listing per directory; a missing {@code .wav}
         * may be replaced by the {@code .mp4} beside it (decoded with ffmpeg). Missing files are rejected (stage
         * audio).
         */
        private List<WorkItem> locateAudio(List<WorkItem> items) throws IOException {
            Map<Path, Map<String, Long>> listings = new HashMap<>();
            List<WorkItem> located = new ArrayList<>();
            for (WorkItem item : items) {
                Path wanted = new Path(item.sourcePath);
                String name = wanted.getName();
                String mp4 = name.toLowerCase(Locale.ROOT).endsWith(".wav")
                        ? name.substring(0, name.length() - 4) + ".mp4"
                        : null;
                Map<String, Long> files = listing(wanted.getParent(), listings);
                if (files.containsKey(name)) {
                    located.add(new WorkItem(item.utterance, item.tokens, item.sourcePath, files.get(name)));
                } else if (mp4 != null && files.containsKey(mp4)) {
                    located.add(new WorkItem(
                            item.utterance, item.tokens, new Path(wanted.getParent(), mp4).toString(), files.get(mp4)));
                } else {
                    rejected.add(RejectedItem.of(
                            item.utterance,
                            item.sourcePath,
                            Featurizer.STAGE_AUDIO,
                            "audio file not found: tried " + item.sourcePath
                                    + (mp4 == null
                                            ? ""
                                            : " and " + new Path(wanted.getParent(), mp4)
                                                    + " (MELD's clips as distributed)")));
                }
            }
            return located;
        }

        private Map<String, Long> listing(Path dir, Map<Path, Map<String, Long>> cache) throws IOException {
            FileSystem fs = dir.getFileSystem(hadoop);
            Path key = fs.makeQualified(dir);
            Map<String, Long> files = cache.get(key);
            if (files == null) {
                files = new HashMap<>();
                try {
                    for (FileStatus s : fs.listStatus(key)) {
                        if (s.isFile()) files.put(s.getPath().getName(), s.getLen());
                    }
                } catch (FileNotFoundException missingDirectory) {
                    // every file in it is then reported missing, with its own path
                }
                cache.put(key, files);
            }
            return files;
        }

        private GloveTable lookUpGlove(Set<String> vocabulary) throws IOException {
            String path = settings.glove().path();
            Path p = new Path(path);
            if (!p.getFileSystem(hadoop).exists(p)) {
                throw new FileNotFoundException("GloVe file not found: " + path + " (mcsan.features.glove.path)");
            }
            GloveTable table =
                    GloveLookup.lookup(jsc, path, vocabulary, settings.glove().dim());
            long lines = table.stats().linesRead();
            if (table.size() == 0 && lines > 0 && table.stats().wrongFieldCount() * 2 > lines) {
                throw new IOException(
                        "no vector found in " + path + " and " + table.stats().wrongFieldCount()
                                + " of its " + lines + " lines have fewer than "
                                + (settings.glove().dim() + 1)
                                + " fields: is mcsan.features.glove.dim = "
                                + settings.glove().dim() + " right for this file?");
            }
            return table;
        }

        private int partitionCount(int items) {
            int wanted = settings.partitions() > 0 ? settings.partitions() : 4 * jsc.defaultParallelism();
            return Math.max(1, Math.min(wanted, items));
        }

        private void writeRejected(Path dir) {
            List<Row> rows = new ArrayList<>(rejected.size());
            for (RejectedItem r : rejected) {
                rows.add(RowFactory.create(
                        r.utteranceId(), r.path(), r.stage(), r.reason(), r.speaker(), r.session(), r.split()));
            }
            spark.createDataFrame(rows, FeatureSchema.REJECTED)
                    .coalesce(1)
                    .write()
                    .parquet(dir.toString());
        }

        private void writeExcluded(Path dir, CorpusScan scan) {
            List<Row> rows = new ArrayList<>(scan.excluded().size());
            for (ExcludedItem e : scan.excluded()) {
                rows.add(RowFactory.create(e.utteranceId(), e.rawLabel(), e.speaker(), e.session(), e.split()));
            }
            spark.createDataFrame(rows, FeatureSchema.EXCLUDED)
                    .coalesce(1)
                    .write()
                    .parquet(dir.toString());
        }

        /**
         * Moves the rejected table and the manifest to {@code <output>.rejected/} and fails with the likely cause.
         *
         * @param where "" for the whole corpus, or "in split 'test', "
         * @param tooMany the rejections of the corpus or the split
         */
        private void failWithTooManyRejected(
                Map<String, Object> manifest,
                String where,
                List<RejectedItem> tooMany,
                double fraction,
                long inClassSet)
                throws IOException {
            manifest.put("status", "failed: too many rejected; no features were written");
            writeJson(new Path(out.temp(), FeatureSchema.MANIFEST_FILE), manifest);
            FileSystem fs = out.fs();
            Path kept = out.besideTarget(FeatureSchema.REJECTED_DIR);
            if (fs.exists(kept)) fs.delete(kept, true);
            if (!fs.rename(out.temp(), kept)) {
                throw new IOException(
                        "too many rejected utterances, and the rejected table could not be moved to " + kept);
            }
            RejectionReport.Kind top = RejectionReport.kinds(tooMany).get(0);
            throw new IOException(String.format(
                    Locale.ROOT,
                    "%s%d of %d utterances in the class set (%.1f%%) were rejected, more than"
                            + " mcsan.features.max-rejected-fraction = %s (applied to the whole corpus and to each"
                            + " split); nothing was written to %s. The rejected table and manifest.json are in %s."
                            + " Most common: stage %s, '%s' (%d times), e.g. %s: %s. Likely cause: %s.",
                    where.isEmpty() ? "" : Character.toUpperCase(where.charAt(0)) + where.substring(1),
                    tooMany.size(),
                    inClassSet,
                    100 * fraction,
                    settings.maxRejectedFraction(),
                    out.target(),
                    kept,
                    top.stage,
                    top.pattern,
                    top.count,
                    top.example.path(),
                    top.example.reason(),
                    RejectionReport.likelyCause(top)));
        }

        private Map<String, Object> manifest(
                CorpusScan scan,
                long written,
                GloveTable glove,
                TextEmbedder.Coverage coverage,
                long[] rowStats,
                List<List<WorkItem>> buckets,
                Map<String, SplitCounts> bySplit) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("status", "running");
            m.put("created", Instant.now().toString());
            Map<String, Object> software = new LinkedHashMap<>();
            software.put("mcsan", BuildInfo.version());
            software.put("spark", spark.version());
            software.put("java", System.getProperty("java.version"));
            m.put("software", software);
            Map<String, Object> corpus = new LinkedHashMap<>();
            corpus.put("kind", settings.corpus().kind());
            corpus.put(FeatureSchema.MANIFEST_CORPUS_NAME, scan.corpus());
            corpus.put("path", settings.corpus().path());
            corpus.put(FeatureSchema.MANIFEST_CLASSES, scan.classes());
            m.put(FeatureSchema.MANIFEST_CORPUS, corpus);

            Map<String, Object> counts = new LinkedHashMap<>();
            counts.put("read", scan.recordsSeen());
            counts.put("written", written);
            counts.put("rejected", (long) rejected.size());
            counts.put("excluded", scan.excludedCount());
            counts.put("rejected_by_stage", RejectionReport.byStage(rejected));
            counts.put("excluded_by_label", scan.excludedByLabel());
            // Kind of text repair -> utterances whose transcript needed it (the original is kept in the table).
            counts.put("transcripts_repaired", scan.transcriptRepairs());
            if (!bySplit.isEmpty()) {
                Map<String, Object> splits = new LinkedHashMap<>();
                for (Map.Entry<String, SplitCounts> e : bySplit.entrySet()) {
                    splits.put(e.getKey(), e.getValue().asManifest());
                }
                counts.put("by_split", splits);
            }
            m.put("counts", counts);
            List<Map<String, Object>> kinds = new ArrayList<>();
            for (RejectionReport.Kind k : RejectionReport.kinds(rejected)) {
                Map<String, Object> kind = new LinkedHashMap<>();
                kind.put("stage", k.stage);
                kind.put("reason", k.pattern);
                kind.put("count", k.count);
                kind.put("example", k.example.reason());
                kinds.add(kind);
            }
            m.put("rejection_reasons", kinds);

            Map<String, Object> text = new LinkedHashMap<>();
            text.put("distinct_tokens", coverage.distinctTokens());
            text.put("distinct_tokens_with_vector", coverage.coveredDistinctTokens());
            text.put("vocabulary_coverage", coverage.distinctFraction());
            text.put("token_occurrences", coverage.tokenOccurrences());
            text.put("token_occurrences_with_vector", coverage.coveredOccurrences());
            text.put("occurrence_coverage", coverage.occurrenceFraction());
            text.put("oov_words_written", rowStats[1]);
            text.put("tokens_written", rowStats[2]);
            text.put("utterances_with_oov_words", rowStats[3]);
            m.put("text", text);
            Map<String, Object> gloveInfo = new LinkedHashMap<>();
            gloveInfo.put("words_looked_up", glove.wantedWords());
            gloveInfo.put("words_found", glove.size());
            gloveInfo.put("lines_read", glove.stats().linesRead());
            gloveInfo.put("malformed_lines", glove.stats().malformedLines());
            gloveInfo.put("invalid_utf8_lines", glove.stats().invalidUtf8());
            gloveInfo.put("duplicate_words", glove.stats().duplicateWords());
            m.put("glove", gloveInfo);

            long[] loads = new long[buckets.size()];
            for (int i = 0; i < loads.length; i++) for (WorkItem w : buckets.get(i)) loads[i] += w.sizeBytes;
            Map<String, Object> partitions = new LinkedHashMap<>();
            partitions.put("count", buckets.size());
            partitions.put("audio_bytes_per_partition", loads);
            m.put("partitions", partitions);

            Map<String, Object> effective = new LinkedHashMap<>();
            effective.put("corpus", settings.corpus().asWritten());
            effective.put("features", settings.featuresAsWritten());
            m.put("settings", effective);
            m.put("columns", FeatureSchema.FEATURES.fieldNames());
            return m;
        }

        private void writeJson(Path file, Map<String, Object> content) throws IOException {
            ObjectMapper json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
            try (OutputStream o = file.getFileSystem(hadoop).create(file, true)) {
                json.writeValue(o, content);
            }
        }
    }

    /**
     * Passes the feature rows of {@link Featurizer}'s results on and keeps the rejections and the row counts in
     * accumulators. They are read after the write job, whose tasks' updates Spark applies exactly once per
     * partition (a retried or speculative copy of a task adds nothing).
     */
    private static final class RowSplitter implements FlatMapFunction<Featurizer.Result, Row> {
        private static final long serialVersionUID = 1L;
        private final CollectionAccumulator<RejectedItem> rejected;
        private final LongAccumulator written;
        private final LongAccumulator oovWords;
        private final LongAccumulator tokens;
        private final LongAccumulator withOovWords;

        RowSplitter(JavaSparkContext jsc) {
            rejected = jsc.sc().collectionAccumulator("mcsan.features rejected");
            written = jsc.sc().longAccumulator("mcsan.features written");
            oovWords = jsc.sc().longAccumulator("mcsan.features oov words");
            tokens = jsc.sc().longAccumulator("mcsan.features tokens");
            withOovWords = jsc.sc().longAccumulator("mcsan.features utterances with oov words");
        }

        @Override
        public Iterator<Row> call(Featurizer.Result result) {
            if (result.rejected != null) {
                rejected.add(result.rejected);
                return Collections.emptyIterator();
            }
            int oov = result.row.getInt(OOV_WORDS);
            written.add(1);
            oovWords.add(oov);
            tokens.add(result.row.getInt(NUM_WORDS));
            withOovWords.add(oov > 0 ? 1 : 0);
            return Collections.singletonList(result.row).iterator();
        }

        /** The rejections, ordered by utterance id (tasks finish in any order). */
        List<RejectedItem> rejected() {
            List<RejectedItem> items = new ArrayList<>(rejected.value());
            items.sort(Comparator.comparing(RejectedItem::utteranceId, Comparator.nullsFirst(String::compareTo)));
            return items;
        }

        /** Rows written, OOV words and tokens in them, rows with at least one OOV word. */
        long[] rowStats() {
            return new long[] {written.value(), oovWords.value(), tokens.value(), withOovWords.value()};
        }
    }
}
