package org.mcsan.features;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.Serializable;
import java.nio.file.Files;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.NoSuchElementException;
import java.util.Optional;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.mcsan.contracts.io.SerializableHadoopConf;
import org.mcsan.features.audio.Audio;
import org.mcsan.features.audio.AudioFormatException;
import org.mcsan.features.audio.AudioSettings;
import org.mcsan.features.audio.Mfcc;
import org.mcsan.features.audio.MfccFeatures;
import org.mcsan.features.audio.MfccSettings;
import org.mcsan.features.audio.Resampler;
import org.mcsan.features.audio.WavReader;
import org.mcsan.features.corpus.FfmpegDecoder;
import org.mcsan.features.corpus.RejectedItem;
import org.mcsan.features.corpus.Utterance;
import org.mcsan.features.text.GloveSettings;
import org.mcsan.features.text.GloveTable;
import org.mcsan.features.text.TextEmbedder;

/**
 * The executor side of the feature job: for each utterance of a partition, decode the audio (WAV, or .mp4 via
 * ffmpeg), resample, compute MFCC, embed the tokens; the result is a feature row or a rejection with stage
 * {@value #STAGE_AUDIO} or {@value #STAGE_TEXT} and a precise reason. Results are produced lazily, one utterance
 * at a time, so a partition never holds more than one utterance's audio.
 */
final class Featurizer implements FlatMapFunction<Iterator<List<WorkItem>>, Featurizer.Result> {
    private static final long serialVersionUID = 1L;
    static final String STAGE_AUDIO = "audio";
    static final String STAGE_TEXT = "text";

    /** A feature row or a rejection. */
    static final class Result implements Serializable {
        private static final long serialVersionUID = 1L;
        final Row row;
        final RejectedItem rejected;

        private Result(Row row, RejectedItem rejected) {
            this.row = row;
            this.rejected = rejected;
        }
    }

    private final Broadcast<GloveTable> glove;
    private final Broadcast<SerializableHadoopConf> hadoopConf;
    private final AudioSettings audioSettings;
    private final MfccSettings mfccSettings;
    private final GloveSettings.OovPolicy oovPolicy;
    private final boolean lowerCaseFallback;

    Featurizer(
            Broadcast<GloveTable> glove,
            Broadcast<SerializableHadoopConf> hadoopConf,
            AudioSettings audio,
            MfccSettings mfcc,
            GloveSettings.OovPolicy oovPolicy,
            boolean lowerCaseFallback) {
        this.glove = glove;
        this.hadoopConf = hadoopConf;
        this.audioSettings = audio;
        this.mfccSettings = mfcc;
        this.oovPolicy = oovPolicy;
        this.lowerCaseFallback = lowerCaseFallback;
    }

    @Override
    public Iterator<Result> call(Iterator<List<WorkItem>> buckets) {
        Worker worker = new Worker();
        return new Iterator<Result>() {
            private Iterator<WorkItem> current = Collections.emptyIterator();

            @Override
            public boolean hasNext() {
                while (!current.hasNext() && buckets.hasNext())
                    current = buckets.next().iterator();
                return current.hasNext();
            }

            @Override
            public Result next() {
                if (!hasNext()) throw new NoSuchElementException();
                return worker.process(current.next());
            }
        };
    }

    /** Per-partition state: the MFCC tables, the resampler's filter cache, the embedder. */
    private final class Worker {
        private final Resampler resampler = Resampler.from(audioSettings);
        private final Mfcc mfcc = new Mfcc(mfccSettings);
        private final TextEmbedder embedder = new TextEmbedder(glove.value(), oovPolicy, lowerCaseFallback);
        private final Configuration conf = hadoopConf.value().get();

        Result process(WorkItem item) {
            Utterance u = item.utterance;
            Audio audio;
            try {
                audio = item.needsFfmpeg() ? decodeWithFfmpeg(item.sourcePath) : readWav(item.sourcePath);
            } catch (AudioFormatException e) {
                return reject(item, STAGE_AUDIO, "unreadable WAV: " + e.reason());
            } catch (IOException e) {
                return reject(item, STAGE_AUDIO, "cannot read audio: " + e.getMessage());
            }
            Optional<String> notFinite = audio.checkFinite();
            if (notFinite.isPresent()) {
                return reject(item, STAGE_AUDIO, "audio is not finite: " + notFinite.get());
            }
            float[] samples = resampler.resample(audio.samples(), audio.sampleRate());
            if (mfcc.frameCount(samples.length) == 0) {
                return reject(
                        item,
                        STAGE_AUDIO,
                        String.format(
                                Locale.ROOT,
                                "audio shorter than one MFCC frame:"
                                        + " %d samples at %d Hz (%.1f ms); a frame needs %d samples at %d Hz (%.1f ms)",
                                audio.numSamples(),
                                audio.sampleRate(),
                                1000 * audio.durationSeconds(),
                                mfccSettings.windowLength(),
                                mfccSettings.sampleRate(),
                                1000.0 * mfccSettings.windowLength() / mfccSettings.sampleRate()));
            }
            MfccFeatures features = mfcc.compute(samples);
            TextEmbedder.EmbeddedText text = embedder.embed(item.tokens);
            if (text.tokens().isEmpty()) {
                return reject(
                        item,
                        STAGE_TEXT,
                        "none of the " + item.tokens.size() + " tokens " + item.tokens
                                + " has a GloVe vector, and oov-policy = drop removed them all");
            }
            Row row = RowFactory.create(
                    u.utteranceId(),
                    u.corpus(),
                    u.speaker(),
                    u.session(),
                    u.split(),
                    u.label(),
                    u.labelIndex(),
                    u.transcript(),
                    u.originalTranscript(),
                    text.tokens().toArray(new String[0]),
                    text.tokens().size(),
                    text.vectors(),
                    text.oovWords(),
                    features.numFrames(),
                    features.origFrames(),
                    features.values(),
                    audio.durationSeconds(),
                    audio.sampleRate(),
                    item.sourcePath);
            return new Result(row, null);
        }

        private Audio readWav(String source) throws IOException {
            Path path = new Path(source);
            FileSystem fs = path.getFileSystem(conf);
            try (InputStream in = fs.open(path)) {
                return WavReader.read(in, source);
            }
        }

        /** Decodes a media file with ffmpeg, copying it to local disk first when it is on a remote file system. */
        private Audio decodeWithFfmpeg(String source) throws IOException {
            Path path = new Path(source);
            FileSystem fs = path.getFileSystem(conf);
            boolean local = "file".equals(fs.getUri().getScheme());
            File input = local ? new File(path.toUri().getPath()) : null;
            File copy = null;
            File wav = File.createTempFile("mcsan-ffmpeg-", ".wav");
            try {
                if (!local) {
                    copy = File.createTempFile("mcsan-media-", "-" + path.getName());
                    fs.copyToLocalFile(false, path, new Path(copy.toURI()), true);
                    input = copy;
                }
                FfmpegDecoder.onSystemPath().decodeToWav(input, wav);
                return WavReader.read(wav.toPath());
            } finally {
                Files.deleteIfExists(wav.toPath());
                if (copy != null) Files.deleteIfExists(copy.toPath());
            }
        }

        private Result reject(WorkItem item, String stage, String reason) {
            return new Result(null, RejectedItem.of(item.utterance, item.sourcePath, stage, reason));
        }
    }
}
