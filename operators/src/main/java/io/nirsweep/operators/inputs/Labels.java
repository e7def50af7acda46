package io.nirsweep.operators.inputs;

import io.nirsweep.model.ReadableFile;
import io.nirsweep.sim.io.ArrayFileException;
import io.nirsweep.sim.io.ArrayFiles;
import io.nirsweep.sim.io.NpyArray;
import java.util.List;

/** The labels of a set: read from a file of integers, or inferred from the folders of its files. */
final class Labels {
    /**
     * The largest label magnitude read: array files are read as float32, which holds every integer up to 2^24
     * exactly; labels are class indices, far below.
     */
    static final int MAX_LABEL = 1 << 24;

    private Labels() {
    }

    /**
     * One integer label per sample from a {@code .npy} or {@code .csv} file: shape {@code [N]}, or {@code [N, 1]}
     * (a one-column CSV), or {@code [1, N]} (a one-row CSV), with N the set's sample count.
     */
    static int[] read(String location, int samples) {
        ReadableFile file = InputSets.file(location);
        NpyArray array;
        try {
            // Room for the expected count and a little more, so a longer file is told apart from a hostile one.
            long limit = Math.min(ArrayFiles.DEFAULT_MAX_ELEMENTS, Math.max(2L * samples, 1L << 16));
            array = ArrayFiles.read(file, limit);
        } catch (ArrayFileException e) {
            throw new InputException("labels " + e.getMessage(), e);
        }
        int[] shape = array.shape();
        boolean vector = shape.length == 1 || shape.length == 2 && (shape[0] == 1 || shape[1] == 1);
        if (!vector) {
            throw new InputException(file.name() + ": labels must be one integer per sample, shape [N] (or one CSV"
                    + " row or column), got " + java.util.Arrays.toString(shape));
        }
        if (array.size() != samples) {
            throw new InputException(file.name() + ": has " + array.size() + " labels but the input set has " + samples
                    + " samples");
        }
        int[] labels = new int[samples];
        for (int i = 0; i < samples; i++) {
            float v = array.get(i);
            if (v != Math.rint(v) || Math.abs(v) > MAX_LABEL) {
                throw new InputException(file.name() + ": label " + v + " of sample " + i + " is not an integer from -"
                        + MAX_LABEL + " to " + MAX_LABEL);
            }
            labels[i] = (int) v;
        }
        return labels;
    }

    /**
     * The labels N-MNIST's layout implies ({@code Test/<digit>/<id>.bin}): each file's parent folder name, when
     * every file's is a non-negative integer; otherwise null (no labels), since a set half labelled by its folders
     * is more likely a mistake than a plan. The folder is the name's second-to-last {@code /}-separated part, so
     * a URI ({@code gs://bucket/Test/3/00012.bin}) is labelled as its path would be.
     */
    static int[] fromFolders(List<ReadableFile> files) {
        int[] labels = new int[files.size()];
        for (int i = 0; i < labels.length; i++) {
            String text = parentFolderName(files.get(i).name());
            if (text.isEmpty() || text.length() > 7 || !text.chars().allMatch(c -> c >= '0' && c <= '9')) {
                return null;
            }
            labels[i] = Integer.parseInt(text);
        }
        return labels;
    }

    /** The last folder of a {@code /}-separated name ({@code a/3/x.bin} gives {@code 3}), or "" when it has none. */
    static String parentFolderName(String name) {
        String separators = name.replace(java.io.File.separatorChar, '/');
        int end = separators.lastIndexOf('/');
        if (end <= 0) {
            return "";
        }
        return separators.substring(separators.lastIndexOf('/', end - 1) + 1, end);
    }
}
