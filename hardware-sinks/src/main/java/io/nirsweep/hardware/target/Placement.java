package io.nirsweep.hardware.target;

/**
 * Where a node goes on the chip.
 *
 * @param node the node (or several, joined by " + ", when the chip merges them into one unit)
 * @param unit the chip's unit that holds it: "core 3", "hidden neurons 0–39"
 * @param detail what that unit then holds, in the chip's terms ("" when nothing to add)
 */
public record Placement(String node, String unit, String detail) {
    @Override
    public String toString() {
        return node + " → " + unit + (detail.isEmpty() ? "" : " (" + detail + ")");
    }
}
