package org.mcsan.model;

import com.intel.analytics.bigdl.nn.Graph;
import com.intel.analytics.bigdl.nn.abstractnn.AbstractModule;
import com.intel.analytics.bigdl.nn.abstractnn.Activity;
import com.intel.analytics.bigdl.utils.Node;
import java.util.ArrayList;
import java.util.List;
import org.mcsan.model.nn.InvertedDropout;
import org.mcsan.model.nn.LayerNorm;
import org.mcsan.model.nn.MaskedMaxPool;
import org.mcsan.model.nn.MultiHeadAttention;
import org.mcsan.model.nn.PositionalEncoding;
import org.mcsan.model.nn.SequenceMask;
import org.mcsan.model.nn.SequenceReverse;

/**
 * Builds the MCSAN graph for a configuration and number of classes.
 *
 * <p>Graph inputs, in this order (a variant without audio or text omits that pair):
 * <ol>
 *   <li>{@code audio} [B, T, audio-dim]: z-normalised MFCC, zero after each utterance's end;</li>
 *   <li>{@code audio_lengths} [B, 4]: each utterance's steps after conv1, pool1, conv2, pool2
 *       ({@link AudioLengths});</li>
 *   <li>{@code text} [B, W, text-dim]: word vectors, zero after each transcript's end;</li>
 *   <li>{@code text_lengths} [B]: words per transcript.</li>
 * </ol>
 * Output: log-probabilities [B, classes].
 *
 * <p>Every module with parameters is named after its place in the equivalent PyTorch module
 * (model/SAFETENSORS.md), e.g. {@code audio.conv1}, {@code cross.layers.0.audio_attn},
 * {@code self_text.layers.0.norm2}; the two directions of a BiLSTM are {@code <prefix>.lstm.forward}
 * and {@code <prefix>.lstm.backward}.
 */
@SuppressWarnings({"unchecked", "rawtypes"})
final class McsanNetwork {
    static final String AUDIO = "audio";
    static final String AUDIO_LENGTHS = "audio_lengths";
    static final String TEXT = "text";
    static final String TEXT_LENGTHS = "text_lengths";

    private final ModelSettings s;

    /** A stream of [B, T, d] sequences with their lengths [B]. */
    private static final class Stream {
        final Node<AbstractModule<Activity, Activity, Object>> values;
        final Node<AbstractModule<Activity, Activity, Object>> lengths;

        Stream(
                Node<AbstractModule<Activity, Activity, Object>> values,
                Node<AbstractModule<Activity, Activity, Object>> lengths) {
            this.values = values;
            this.lengths = lengths;
        }

        Stream with(Node<AbstractModule<Activity, Activity, Object>> newValues) {
            return new Stream(newValues, lengths);
        }
    }

    private McsanNetwork(ModelSettings s) {
        this.s = s;
    }

    static Graph<Object> build(ModelSettings settings, int numClasses) {
        if (numClasses < 2) {
            throw new IllegalArgumentException("a classifier needs at least 2 classes, got " + numClasses);
        }
        return new McsanNetwork(settings).graph(numClasses);
    }

    private Graph<Object> graph(int numClasses) {
        List<Node<AbstractModule<Activity, Activity, Object>>> inputs = new ArrayList<>();
        Variant v = s.variant;
        Stream audio = null;
        Stream text = null;
        if (v.usesAudio()) {
            Node<AbstractModule<Activity, Activity, Object>> x = Bigdl.input(AUDIO);
            Node<AbstractModule<Activity, Activity, Object>> lengths = Bigdl.input(AUDIO_LENGTHS);
            inputs.add(x);
            inputs.add(lengths);
            audio = audioEncoder(x, lengths);
        }
        if (v.usesText()) {
            Node<AbstractModule<Activity, Activity, Object>> x = Bigdl.input(TEXT);
            Node<AbstractModule<Activity, Activity, Object>> lengths = Bigdl.input(TEXT_LENGTHS);
            inputs.add(x);
            inputs.add(lengths);
            text = encoded(TEXT, biLstm(TEXT, x, lengths, s.textDim), lengths);
        }

        List<Node<AbstractModule<Activity, Activity, Object>>> pooled = new ArrayList<>();
        if (v.hasCrossAttention()) {
            Stream a = audio;
            Stream t = text;
            for (int i = 0; i < s.layers; i++) {
                String prefix = "cross.layers." + i + ".";
                // Both directions read this layer's inputs.
                Stream nextA = a.with(sublayers(prefix + "audio_", a, t));
                Stream nextT = t.with(sublayers(prefix + "text_", t, a));
                a = nextA;
                t = nextT;
            }
            pooled.add(maxPool("cross.audio_pool", a));
            pooled.add(maxPool("cross.text_pool", t));
        }
        if (v.hasSelfAttention()) {
            if (audio != null) {
                pooled.add(maxPool("self_audio.pool", selfAttention("self_audio", audio)));
            }
            if (text != null) {
                pooled.add(maxPool("self_text.pool", selfAttention("self_text", text)));
            }
        }

        Node<AbstractModule<Activity, Activity, Object>> h =
                pooled.size() == 1 ? pooled.get(0) : Bigdl.node(Bigdl.concat(2), "pooled", pooled.toArray(new Node[0]));
        int width = pooled.size() * s.hiddenSize;
        for (int i = 0; i < s.classifierLayers; i++) {
            h = Bigdl.node(Bigdl.linear(width, s.classifierHiddenSize, true), "classifier.hidden." + i, h);
            h = Bigdl.node(Bigdl.relu(), null, h);
            if (s.classifierDropout > 0) {
                h = Bigdl.node(new InvertedDropout(s.classifierDropout), null, h);
            }
            width = s.classifierHiddenSize;
        }
        h = Bigdl.node(Bigdl.linear(width, numClasses, true), "classifier.out", h);
        h = Bigdl.node(Bigdl.logSoftMax(), "log_probabilities", h);
        List<Node<AbstractModule<Activity, Activity, Object>>> outputs = new ArrayList<>();
        outputs.add(h);
        return Bigdl.graph(inputs, outputs);
    }

    /** Two ConvBlocks (Conv1D → activation → MaxPool), zeroing padded steps after every stage, then a BiLSTM. */
    private Stream audioEncoder(
            Node<AbstractModule<Activity, Activity, Object>> x,
            Node<AbstractModule<Activity, Activity, Object>> stageLengths) {
        Node<AbstractModule<Activity, Activity, Object>>[] lengths = new Node[4];
        for (int k = 0; k < 4; k++) {
            lengths[k] = Bigdl.node(Bigdl.select(2, k + 1), "audio.stage_lengths." + (k + 1), stageLengths);
        }
        // [B, T, F] → [B, 1, T, F]: channels-last "image" of height 1 for the spatial layers.
        Node<AbstractModule<Activity, Activity, Object>> h = Bigdl.node(Bigdl.unsqueeze(2), null, x);
        int in = s.audioDim;
        for (int block = 0; block < 2; block++) {
            String name = "audio.conv" + (block + 1);
            h = Bigdl.node(Bigdl.conv1d(in, s.convChannels, s.convKernel, s.convStride, s.convPadding), name, h);
            if (s.convActivation.equals("relu")) {
                h = Bigdl.node(Bigdl.relu(), null, h);
            } else if (s.convActivation.equals("tanh")) {
                h = Bigdl.node(Bigdl.tanh(), null, h);
            }
            h = Bigdl.node(new SequenceMask(), null, h, lengths[2 * block]);
            h = Bigdl.node(Bigdl.maxPool1d(s.poolKernel, s.poolStride), "audio.pool" + (block + 1), h);
            h = Bigdl.node(new SequenceMask(), null, h, lengths[2 * block + 1]);
            in = s.convChannels;
        }
        h = Bigdl.node(Bigdl.squeeze(2), null, h);
        return encoded(AUDIO, biLstm(AUDIO, h, lengths[3], s.convChannels), lengths[3]);
    }

    /**
     * A bidirectional LSTM whose directions are averaged. The backward direction is a forward LSTM
     * over each sequence reversed within its own length, reversed back, so it starts at the
     * sequence's last real step. Padded steps of the result are zero.
     */
    private Node<AbstractModule<Activity, Activity, Object>> biLstm(
            String prefix,
            Node<AbstractModule<Activity, Activity, Object>> x,
            Node<AbstractModule<Activity, Activity, Object>> lengths,
            int in) {
        Node<AbstractModule<Activity, Activity, Object>> forward =
                Bigdl.node(Bigdl.lstm(in, s.hiddenSize), prefix + ".lstm.forward", x);
        Node<AbstractModule<Activity, Activity, Object>> reversed = Bigdl.node(new SequenceReverse(), null, x, lengths);
        Node<AbstractModule<Activity, Activity, Object>> backward =
                Bigdl.node(Bigdl.lstm(in, s.hiddenSize), prefix + ".lstm.backward", reversed);
        backward = Bigdl.node(new SequenceReverse(), null, backward, lengths);
        Node<AbstractModule<Activity, Activity, Object>> mean = Bigdl.node(Bigdl.average(), null, forward, backward);
        return Bigdl.node(new SequenceMask(), null, mean, lengths);
    }

    /** An encoder output with the positional embedding added. */
    private Stream encoded(
            String modality,
            Node<AbstractModule<Activity, Activity, Object>> values,
            Node<AbstractModule<Activity, Activity, Object>> lengths) {
        if (s.positionalEmbedding.equals("sinusoidal")) {
            values = Bigdl.node(new PositionalEncoding(), modality + ".positional", values);
        }
        return new Stream(values, lengths);
    }

    private Stream selfAttention(String module, Stream x) {
        for (int i = 0; i < s.layers; i++) {
            x = x.with(sublayers(module + ".layers." + i + ".", x, x));
        }
        return x;
    }

    /**
     * One post-LN layer for queries {@code q} over keys/values {@code kv}:
     * {@code h = LN(q + MHA(q, kv))}, then {@code LN(h + FFN(h))}.
     */
    private Node<AbstractModule<Activity, Activity, Object>> sublayers(String prefix, Stream q, Stream kv) {
        Node<AbstractModule<Activity, Activity, Object>> attended = Bigdl.node(
                MultiHeadAttention.create(s.hiddenSize, s.heads, s.attentionDropout),
                prefix + "attn",
                q.values,
                kv.values,
                kv.lengths);
        attended = dropout(attended);
        Node<AbstractModule<Activity, Activity, Object>> h = Bigdl.node(Bigdl.add(), null, q.values, attended);
        h = Bigdl.node(LayerNorm.create(s.hiddenSize), prefix + "norm1", h);

        Node<AbstractModule<Activity, Activity, Object>> f = Bigdl.node(
                Bigdl.timeDistributed((AbstractModule) Bigdl.linear(s.hiddenSize, s.ffnSize, true)),
                prefix + "ffn.linear1",
                h);
        f = Bigdl.node(Bigdl.relu(), null, f);
        f = dropout(f);
        f = Bigdl.node(
                Bigdl.timeDistributed((AbstractModule) Bigdl.linear(s.ffnSize, s.hiddenSize, true)),
                prefix + "ffn.linear2",
                f);
        f = dropout(f);
        Node<AbstractModule<Activity, Activity, Object>> out = Bigdl.node(Bigdl.add(), null, h, f);
        return Bigdl.node(LayerNorm.create(s.hiddenSize), prefix + "norm2", out);
    }

    private Node<AbstractModule<Activity, Activity, Object>> dropout(
            Node<AbstractModule<Activity, Activity, Object>> x) {
        return s.dropout > 0 ? Bigdl.node(new InvertedDropout(s.dropout), null, x) : x;
    }

    private static Node<AbstractModule<Activity, Activity, Object>> maxPool(String name, Stream x) {
        return Bigdl.node(new MaskedMaxPool(), name, x.values, x.lengths);
    }
}
