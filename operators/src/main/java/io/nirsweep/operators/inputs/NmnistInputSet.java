package io.nirsweep.operators.inputs;

import io.nirsweep.model.ReadableFile;
import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.Channels;
import java.nio.channels.SeekableByteChannel;
import java.util.List;

/**
 * N-MNIST event recordings (Orchard et al. 2015), one binary file per sample, binned into event-count frames
 * {@code [2, height, width]} per step.
 *
 * <p><b>File format</b> (the dataset's own description, and the reader of its authors that tonic adopted): a
 * file is a sequence of 5-byte events and nothing else; the 40 bits of an event, most significant first, are
 * x (bits 39-32), y (bits 31-24), polarity (bit 23: 1 = ON, 0 = OFF) and the timestamp in microseconds
 * (bits 22-0). An event whose y is 240 is not an event but a timestamp overflow marker: every later event's
 * timestamp is 2^13 µs later than it says (the reference reader adds 2^13 for each marker before it).
 *
 * <p><b>Binning.</b> An event at timestamp t µs falls in step {@code ⌊t / bin_us⌋}, counting from time 0 of
 * the recording (not from its first event, so an event's step never depends on the others), and adds 1 to
 * element {@code [polarity, y, x]} of that step's frame, as tonic's {@code ToFrame} lays frames out. A file's
 * own length is {@code ⌊t_last / bin_us⌋ + 1} steps, i.e. ⌈(t_last + 1 µs) / bin_us⌉: the recording lasts until
 * its last event's microsecond ends. All samples of a set have the same T: the {@code steps} option (longer
 * recordings are cut, shorter ones end with empty frames), or else the longest file's length, which costs one
 * pass over every file when the set is opened (a pass that also checks each file).
 */
final class NmnistInputSet extends BaseInputSet {
    /** A y address of 240 marks a timestamp overflow, not an event. */
    static final int OVERFLOW_Y = 240;
    /** Microseconds added to later timestamps by each overflow marker. */
    static final long OVERFLOW_US = 1L << 13;
    private static final int EVENT_BYTES = 5;
    /** Bytes read at a time: a whole number of events. */
    private static final int CHUNK = EVENT_BYTES * 8192;

    private final List<ReadableFile> files;
    private final int binUs;
    private final int width;
    private final int height;

    private NmnistInputSet(InputSpec.Nmnist spec, List<ReadableFile> files, int steps, int[] labels) {
        super(spec.name(), files.size(), steps, new int[] {2, spec.height(), spec.width()}, labels);
        this.files = files;
        this.binUs = spec.binUs();
        this.width = spec.width();
        this.height = spec.height();
    }

    static NmnistInputSet open(InputSpec.Nmnist spec, List<ReadableFile> files, long maxSampleElements) {
        long frame = 2L * spec.width() * spec.height();
        long steps;
        if (spec.steps() != null) {
            steps = spec.steps();
        } else {
            steps = 1;
            for (ReadableFile file : files) {
                long[] last = {-1};
                scan(file, spec.width(), spec.height(), (t, p, y, x) -> last[0] = Math.max(last[0], t));
                if (last[0] >= 0) {
                    steps = Math.max(steps, last[0] / spec.binUs() + 1);
                }
            }
        }
        if (steps > maxSampleElements / frame) {
            throw new InputException("input set '" + spec.name() + "': one sample of " + steps + " steps x [2, "
                    + spec.height() + ", " + spec.width() + "] has more than the limit of " + maxSampleElements
                    + " elements" + (spec.steps() == null ? " (the longest recording lasts " + steps + " bins of "
                    + spec.binUs() + " µs; give steps to cut them)" : ""));
        }
        int[] labels = spec.labels() != null ? Labels.read(spec.labels(), files.size())
                : Labels.fromFolders(files);
        return new NmnistInputSet(spec, List.copyOf(files), (int) steps, labels);
    }

    @Override
    float[] read(int index) {
        int steps = steps();
        float[] out = new float[steps * sampleSize()];
        long bin = binUs;
        scan(files.get(index), width, height, (t, p, y, x) -> {
            long step = t / bin;
            if (step < steps) {
                out[(((int) step * 2 + p) * height + y) * width + x] += 1f;
            }
        });
        return out;
    }

    /** Receives the events of a file, overflow markers applied and removed. */
    @FunctionalInterface
    interface EventSink {
        void event(long timeUs, int polarity, int y, int x);
    }

    /**
     * Decodes every event of a file in order.
     *
     * @throws InputException when the file is not a whole number of events or an address is off the sensor
     */
    static void scan(ReadableFile file, int width, int height, EventSink sink) {
        try (SeekableByteChannel channel = file.open(); InputStream in = Channels.newInputStream(channel)) {
            long size = channel.size();
            if (size % EVENT_BYTES != 0) {
                throw new InputException(file.name() + ": is " + size + " bytes, not a whole number of 5-byte N-MNIST"
                        + " events (truncated, or not an N-MNIST file?)");
            }
            byte[] buffer = new byte[CHUNK];
            long event = 0;
            long overflow = 0;
            int n;
            while ((n = in.readNBytes(buffer, 0, CHUNK)) > 0) {
                if (n % EVENT_BYTES != 0) {
                    throw new InputException(file.name() + ": file changed while it was read: it ends inside event "
                            + (event + n / EVENT_BYTES));
                }
                for (int i = 0; i < n; i += EVENT_BYTES, event++) {
                    int x = buffer[i] & 0xFF;
                    int y = buffer[i + 1] & 0xFF;
                    int b2 = buffer[i + 2] & 0xFF;
                    if (y == OVERFLOW_Y) {
                        overflow += OVERFLOW_US;
                        continue;
                    }
                    if (x >= width || y >= height) {
                        throw new InputException(file.name() + ": event " + event + " (byte " + event * EVENT_BYTES
                                + ") is at x " + x + ", y " + y + ", outside the " + width + " x " + height + " sensor");
                    }
                    long t = ((long) (b2 & 0x7F) << 16 | (buffer[i + 3] & 0xFF) << 8 | (buffer[i + 4] & 0xFF))
                            + overflow;
                    sink.event(t, b2 >>> 7, y, x);
                }
            }
        } catch (IOException e) {
            throw new InputException(file.name() + ": cannot read: " + e.getMessage(), e);
        }
    }
}
